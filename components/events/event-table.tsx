"use client";

import { useTable } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { routes } from "@/lib/routes";
import type { StoredEvent } from "@/lib/store/event-record";
import { eventTableFeatures, getEventColumns } from "./event-columns";
import styles from "./event-table.module.css";

/** The dense log table. Paging happens on the server (keyset cursors in the URL); this only renders. */
export function EventTable({ events, q, highlight = [] }: { events: StoredEvent[]; q: string; highlight?: string[] }) {
  const router = useRouter();
  const columns = useMemo(() => getEventColumns(q), [q]);
  const table = useTable({ features: eventTableFeatures, columns, data: events, getRowId: (event) => event.id });
  const fresh = new Set(highlight);
  return (
    <div className={styles.wrap}>
      <table className={styles.table} aria-label="Events">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  <table.FlexRender header={header} />
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              className={fresh.has(row.id) ? styles.fresh : undefined}
              onClick={() => router.push(routes.event(row.original.id))}
            >
              {row.getAllCells().map((cell) => (
                // The label heads each cell when narrow screens stack a row's cells (event-table.module.css).
                <td key={cell.id} data-label={String(cell.column.columnDef.header ?? cell.column.id)}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
