"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { setTimeZone } from "@/lib/actions/time-zone-action";
import { UTC } from "@/lib/format/time-zone";
import { useTimeZone } from "./time-zone";
import styles from "./time-zone-toggle.module.css";

/**
 * The one time-zone setting, in the header: UTC (the default) or the browser's own zone. It is a
 * cookie, so every page renders times and labels time inputs in it, on the server as in the browser.
 */
export function TimeZoneToggle() {
  const zone = useTimeZone();
  const [own, setOwn] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const followed = useRef(false);
  const choose = (next: string) => startTransition(() => setTimeZone(next));
  useEffect(() => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    setOwn(browser);
    // A reader who chose local time and is now elsewhere (travel, a new machine) gets that zone;
    // once per page at most, so a zone the server stores differently can never loop.
    if (zone !== UTC && browser !== zone && !followed.current) {
      followed.current = true;
      startTransition(() => setTimeZone(browser));
    }
  }, [zone]);
  const local = zone !== UTC;
  return (
    <fieldset className={styles.toggle} aria-busy={pending || undefined}>
      <legend className={styles.legend}>Times</legend>
      <button type="button" aria-pressed={!local} onClick={() => choose(UTC)} disabled={pending}>
        UTC
      </button>
      <button
        type="button"
        aria-pressed={local}
        onClick={() => own && choose(own)}
        disabled={pending || own === null}
        title={own ? `Your time zone: ${own}` : undefined}
      >
        Local{local && <span className={styles.zone}> ({zone})</span>}
      </button>
    </fieldset>
  );
}
