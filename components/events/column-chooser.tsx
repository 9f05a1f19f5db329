"use client";

import { useRef } from "react";
import styles from "./column-chooser.module.css";

export interface ChoosableColumn {
  id: string;
  label: string;
  visible: boolean;
  toggle: (visible: boolean) => void;
}

/** The column chooser: a disclosure of checkboxes above the table. Esc closes it. */
export function ColumnChooser({ columns, reset }: { columns: ChoosableColumn[]; reset: () => void }) {
  const details = useRef<HTMLDetailsElement>(null);
  return (
    <details
      ref={details}
      className={styles.chooser}
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
