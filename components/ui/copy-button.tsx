"use client";

import { useState } from "react";
import styles from "./copy-button.module.css";

/**
 * Copies `value` (the whole of it, whatever the layout shows) to the clipboard. The value is also
 * in `data-copy`, so it can be read where the clipboard cannot. The click stays on the button: a
 * row around it does not open.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className={styles.copy}
      aria-label={done ? `Copied ${label}` : `Copy ${label}`}
      title={`Copy ${label}`}
      data-copy={value}
      onClick={async (event) => {
        event.stopPropagation();
        await navigator.clipboard?.writeText(value);
        setDone(true);
        setTimeout(() => setDone(false), 1200);
      }}
    >
      <span aria-hidden="true">{done ? "✓" : "⧉"}</span>
    </button>
  );
}
