"use client";

import { useEffect, useRef, useState } from "react";
import styles from "./column-chooser.module.css";

export interface ChoosableColumn {
  id: string;
  label: string;
  visible: boolean;
  toggle: (visible: boolean) => void;
}

/** The column chooser: a disclosure of checkboxes above the table. Esc or a click outside closes it. */
export function ColumnChooser({ columns, reset }: { columns: ChoosableColumn[]; reset: () => void }) {
  const details = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (details.current && !details.current.contains(event.target as Node)) details.current.open = false;
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);
  return (
    <details
      ref={details}
      className={styles.chooser}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !details.current?.open) return;
        event.stopPropagation();
        details.current.open = false;
        details.current.querySelector("summary")?.focus();
      }}
    >
      <summary>Columns</summary>
      <fieldset className={styles.choices}>
        <legend>Show columns</legend>
        {columns.map((column) => (
          <label key={column.id}>
            <input type="checkbox" checked={column.visible} onChange={(e) => column.toggle(e.target.checked)} />{" "}
            {column.label}
          </label>
        ))}
        <button type="button" onClick={reset}>
          Reset to defaults
        </button>
      </fieldset>
    </details>
  );
}
