"use client";

import { useState } from "react";
import { curlCommand } from "@/lib/ingest/curl-command";
import type { StoredEvent } from "@/lib/store/event-record";
import styles from "./event-page.module.css";

/**
 * "Copy as curl" and "Copy as JSON" for one event. The curl command is built at click time for the
 * address the page is served from. Where the clipboard is out of reach (a page served over plain
 * http from another host, a denied permission), the text is shown selected instead, so it can
 * still be copied by hand.
 */
export function CopyEvent({ event }: { event: StoredEvent }) {
  const [status, setStatus] = useState("");
  const [manual, setManual] = useState<{ label: string; text: string } | null>(null);
  const copy = async (label: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setManual(null);
      setStatus(`Copied the ${label}.`);
    } catch {
      setManual({ label, text });
      setStatus(`The clipboard is out of reach: copy the ${label} below.`);
    }
  };
  return (
    <div className={styles.copy}>
      <button type="button" onClick={() => copy("curl command", curlCommand(window.location.origin, event))}>
        Copy as curl
      </button>
      <button type="button" onClick={() => copy("event JSON", JSON.stringify(event, null, 2))}>
        Copy as JSON
      </button>
      <span className={styles.hint}>
        curl records the event again with your key in <code>$TRAILBOOK_KEY</code>
      </span>
      <p role="status" className={styles.status}>
        {status}
      </p>
      {manual && (
        <textarea
          className={styles.manual}
          aria-label={manual.label}
          readOnly
          rows={8}
          value={manual.text}
          ref={(element) => element?.select()}
        />
      )}
    </div>
  );
}
