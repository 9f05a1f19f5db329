"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import styles from "./jump-dialog.module.css";

/** Ctrl/Cmd+K: jump to an event id, a stream name or a correlation id (resolved by /go). */
export function JumpDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const router = useRouter();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        dialog.current?.showModal();
        input.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        className={styles.open}
        onClick={() => dialog.current?.showModal()}
        aria-keyshortcuts="Control+K Meta+K"
      >
        Jump to… <kbd>Ctrl K</kbd>
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby="jump-title">
        <form
          method="dialog"
          onSubmit={(event) => {
            const to = input.current?.value.trim();
            if (to) {
              event.preventDefault();
              dialog.current?.close();
              router.push(`/go?${new URLSearchParams({ to })}`);
            }
          }}
        >
          <h2 id="jump-title">Jump to</h2>
          <input
            ref={input}
            name="to"
            aria-label="Event id, stream name or correlation id"
            placeholder="event id, stream name or correlation id"
            autoComplete="off"
          />
          <div className={styles.actions}>
            <button type="submit">Go</button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
