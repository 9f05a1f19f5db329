"use client";

import { type ExpandedState, useTable } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { Fragment, useCallback, useMemo, useRef, useState } from "react";
import { routes } from "@/lib/routes";
import type { StoredEvent } from "@/lib/store/event-record";
import { DEFAULT_COLUMNS, useColumnChoice } from "./column-choice";
import { ColumnChooser } from "./column-chooser";
import { eventTableFeatures, getEventColumns } from "./event-columns";
import { EventDetails } from "./event-details";
import styles from "./event-table.module.css";
import { useRowKeys } from "./use-row-keys";

/**
 * The dense log table. Paging happens on the server (keyset cursors in the URL); this renders,
 * with the reader's choice of columns, rows whose details expand in place, and j/k/Enter/Esc.
 */
export function EventTable({ events, q, highlight = [] }: { events: StoredEvent[]; q: string; highlight?: string[] }) {
  const router = useRouter();
  const body = useRef<HTMLTableSectionElement>(null);
  const columns = useMemo(() => getEventColumns(q), [q]);
  const [columnVisibility, saveColumns] = useColumnChoice();
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const table = useTable({
    features: eventTableFeatures,
    columns,
    data: events,
    // Positions, not ids: ids are unique per tenant, and a reader of every tenant may list two.
    getRowId: (event) => event.position,
    state: { columnVisibility, expanded },
    onColumnVisibilityChange: (next) => saveColumns(typeof next === "function" ? next(columnVisibility) : next),
    onExpandedChange: setExpanded,
    getRowCanExpand: () => true,
    // Live-tail rows arrive at the top; details the reader opened stay open.
    autoResetExpanded: false,
  });
  const collapse = useCallback(
    (rowId?: string) =>
      setExpanded((open) => {
        if (rowId === undefined || open === true) return {};
        const { [rowId]: _closed, ...rest } = open;
        return rest;
      }),
    [],
  );
  useRowKeys(body, collapse);
  const fresh = new Set(highlight);
  const span = table.getVisibleLeafColumns().length;
  return (
    <div className={styles.frame}>
      <div className={styles.tools}>
        <ColumnChooser
          columns={table
            .getAllLeafColumns()
            .filter((column) => column.getCanHide())
            .map((column) => ({
              id: column.id,
              label: String(column.columnDef.header ?? column.id),
              visible: column.getIsVisible(),
              toggle: (visible) => column.toggleVisibility(visible),
            }))}
          reset={() => saveColumns(DEFAULT_COLUMNS)}
        />
        <span className={styles.keys}>
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close details
        </span>
      </div>
      <div className={styles.wrap}>
        <table className={styles.table} aria-label="Events">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    scope="col"
                    className={header.column.id === "details" ? styles.hiddenHead : undefined}
                  >
                    <table.FlexRender header={header} />
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody ref={body}>
            {table.getRowModel().rows.map((row) => (
              <Fragment key={row.id}>
                <tr
                  data-row={row.id}
                  tabIndex={-1}
                  className={fresh.has(row.id) ? styles.fresh : undefined}
                  onClick={() => router.push(routes.eventOf(row.original))}
                  onKeyDown={(event) => {
                    if (event.key === "Enter" && event.target === event.currentTarget) {
                      router.push(routes.eventOf(row.original));
                    }
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    // The label heads each cell when narrow screens stack a row's cells (event-table.module.css).
                    <td key={cell.id} data-label={String(cell.column.columnDef.header ?? cell.column.id)}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
                {row.getIsExpanded() && (
                  <tr id={`details-${row.id}`} data-details-of={row.id} className={styles.detailsRow}>
                    <td colSpan={span}>
                      <EventDetails event={row.original} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
