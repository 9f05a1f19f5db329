"use client";

import { type RefObject, useEffect } from "react";

/** Keys typed into a field, or with a modifier, or while a dialog is open, are not for the table. */
function ignored(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  const typing = target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  return Boolean(typing || event.metaKey || event.ctrlKey || event.altKey || document.querySelector("dialog[open]"));
}

/**
 * Keyboard for the log table: j/k move the focus to the next/previous row (the focus ring shows
 * where), Esc closes the details of the row the focus is in (or every open one) and focuses that
 * row. Enter on a focused row opens it (the row handles that itself). Rows are the `tr[data-row]`
 * elements of `body`; their details rows are `tr[data-details-of]`.
 */
export function useRowKeys(body: RefObject<HTMLTableSectionElement | null>, collapse: (rowId?: string) => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (ignored(event) || !body.current) return;
      const rows = [...body.current.querySelectorAll<HTMLTableRowElement>("tr[data-row]")];
      // The row the focus is in, or whose details it is in.
      const within = document.activeElement?.closest<HTMLElement>("tr[data-row], tr[data-details-of]");
      const id = within?.dataset.row ?? within?.dataset.detailsOf;
      const current = rows.findIndex((row) => row.dataset.row === id);
      if (event.key === "j" || event.key === "k") {
        if (rows.length === 0) return;
        event.preventDefault();
        const step = event.key === "j" ? 1 : -1;
        const next = current < 0 ? (step > 0 ? 0 : rows.length - 1) : current + step;
        const row = rows[Math.max(0, Math.min(rows.length - 1, next))]!;
        row.focus();
        row.scrollIntoView({ block: "nearest" });
      } else if (event.key === "Escape") {
        const row = current >= 0 ? rows[current] : undefined;
        collapse(row?.dataset.row);
        row?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [body, collapse]);
}
