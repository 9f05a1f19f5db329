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
      {done ? (
        <span aria-hidden="true">✓</span>
      ) : (
        // An icon drawn here: fonts without a copy glyph would show a box.
        <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12" className={styles.icon}>
          <rect x="5" y="5" width="9" height="9" rx="1.5" />
          <path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5" />
        </svg>
      )}
    </button>
  );
}
