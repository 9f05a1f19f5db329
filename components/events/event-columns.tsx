"use client";

import { createColumnHelper, tableFeatures } from "@tanstack/react-table";
import Link from "next/link";
import { UserText } from "@/components/ui/user-text";
import { UtcTime } from "@/components/ui/utc-time";
import { routes } from "@/lib/routes";
import type { StoredEvent } from "@/lib/store/event-record";
import { addTerm } from "@/lib/url-state/edit-query";
import styles from "./event-table.module.css";

export const eventTableFeatures = tableFeatures({});
const helper = createColumnHelper<typeof eventTableFeatures, StoredEvent>();

/** Filters the current search by one more term, clearing the cursor (a new search starts at the top). */
function narrowed(q: string, term: string): string {
  return routes.events({ q: addTerm(q, term) });
}

/** The log table's columns. `q` is the current search, so cells can narrow it. */
export function getEventColumns(q: string) {
  return helper.columns([
    helper.accessor("recordedAt", {
      header: "Recorded (UTC)",
      cell: (info) => (
        <Link href={routes.event(info.row.original.id)} className={styles.open}>
          <UtcTime iso={info.getValue()} />
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
          onClick={(e) => e.stopPropagation()}
        >
          {info.getValue()}
        </Link>
      ),
    }),
    helper.accessor("streams", {
      header: "Streams",
      cell: (info) =>
        info.getValue().map((stream) => (
          <Link
            key={stream.name}
            href={routes.stream(stream.name)}
            className={styles.stream}
            onClick={(e) => e.stopPropagation()}
          >
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
            onClick={(e) => e.stopPropagation()}
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
            onClick={(e) => e.stopPropagation()}
          >
            <UserText value={tenant} />
          </Link>
        );
      },
    }),
    helper.accessor("correlationId", {
      header: "Correlation",
      cell: (info) => (
        <Link
          href={routes.correlation(info.getValue(), info.row.original.id)}
          className={`${styles.mono} ${styles.id}`}
          title={info.getValue()}
          onClick={(e) => e.stopPropagation()}
        >
          <UserText value={info.getValue()} />
        </Link>
      ),
    }),
  ]);
}
