"use client";

import { columnVisibilityFeature, createColumnHelper, rowExpandingFeature, tableFeatures } from "@tanstack/react-table";
import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { UserText } from "@/components/ui/user-text";
import { routes } from "@/lib/routes";
import type { StoredEvent } from "@/lib/store/event-record";
import { addTerm } from "@/lib/url-state/edit-query";
import { DataPreview } from "./data-preview";
import styles from "./event-table.module.css";
import { IdCell } from "./id-cell";

export const eventTableFeatures = tableFeatures({ columnVisibilityFeature, rowExpandingFeature });
const helper = createColumnHelper<typeof eventTableFeatures, StoredEvent>();

/** Filters the current search by one more term, clearing the cursor (a new search starts at the top). */
function narrowed(q: string, term: string): string {
  return routes.events({ q: addTerm(q, term) });
}

const stop = (event: { stopPropagation: () => void }) => event.stopPropagation();

/**
 * The log table's columns. `q` is the current search, so cells can narrow it. Order matters to
 * the keyboard: the first link of a row is its time, and the third cell is text (a click there
 * opens the row). Columns without `enableHiding: false` are in the column chooser.
 */
export function getEventColumns(q: string) {
  return helper.columns([
    helper.accessor("recordedAt", {
      header: "Recorded",
      enableHiding: false,
      cell: (info) => (
        <Link href={routes.eventOf(info.row.original)} className={styles.open}>
          <RelativeTime iso={info.getValue()} />
        </Link>
      ),
    }),
    helper.accessor("type", {
      header: "Type",
      cell: (info) => (
        <Link
          href={narrowed(q, routes.term("type", info.getValue()))}
          className={styles.filter}
          title="Filter by this type"
          onClick={stop}
        >
          {info.getValue()}
        </Link>
      ),
    }),
    helper.accessor("data", { header: "Data", cell: (info) => <DataPreview data={info.getValue()} /> }),
    helper.accessor("occurredAt", { header: "Occurred", cell: (info) => <RelativeTime iso={info.getValue()} /> }),
    helper.accessor("streams", {
      header: "Streams",
      cell: (info) =>
        info.getValue().map((stream) => (
          <Link key={stream.name} href={routes.stream(stream.name)} className={styles.stream} onClick={stop}>
            <UserText value={stream.name} />
            <span className={styles.version}>@{stream.version}</span>
          </Link>
        )),
    }),
    helper.accessor((event) => event.actor?.id ?? "", {
      id: "actor",
      header: "Actor",
      // The name the writer gave (a key's name for exports), else the id; the filter is always by id.
      cell: (info) => {
        const actor = info.row.original.actor;
        if (!actor) return <span className={styles.none}>—</span>;
        return (
          <Link
            href={narrowed(q, routes.term("actor", actor.id))}
            className={`${styles.filter} ${styles.id}`}
            title={
              actor.name ? `${actor.name} (${actor.id}): filter by this actor` : `${actor.id}: filter by this actor`
            }
            onClick={stop}
          >
            <UserText value={actor.name ?? actor.id} />
          </Link>
        );
      },
    }),
    helper.accessor("tenant", {
      header: "Tenant",
      cell: (info) => {
        const tenant = info.getValue();
        if (tenant === null) return <span className={styles.none}>—</span>;
        return (
          <Link
            href={narrowed(q, routes.term("tenant", tenant))}
            className={styles.filter}
            title="Filter by this tenant"
            onClick={stop}
          >
            <UserText value={tenant} />
          </Link>
        );
      },
    }),
    helper.accessor("correlationId", {
      header: "Correlation",
      cell: (info) => (
        <IdCell
          value={info.getValue()}
          label="correlation id"
          href={routes.correlation(info.getValue(), info.row.original.id)}
        />
      ),
    }),
    helper.accessor("id", { header: "Event id", cell: (info) => <IdCell value={info.getValue()} label="event id" /> }),
    helper.accessor("position", { header: "Position", cell: (info) => info.getValue() }),
    helper.display({
      id: "details",
      header: "Details",
      enableHiding: false,
      cell: ({ row }) => (
        <button
          type="button"
          className={styles.disclose}
          aria-expanded={row.getIsExpanded()}
          aria-controls={row.getIsExpanded() ? `details-${row.id}` : undefined}
          aria-label={`Details of ${row.original.type} at position ${row.original.position}`}
          onClick={(event) => {
            event.stopPropagation();
            row.toggleExpanded();
          }}
        >
          {row.getIsExpanded() ? "▾" : "▸"}
        </button>
      ),
    }),
  ]);
}
