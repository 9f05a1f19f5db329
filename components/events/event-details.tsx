"use client";

import Link from "next/link";
import { UtcTime } from "@/components/ui/utc-time";
import { routes } from "@/lib/routes";
import type { StoredEvent } from "@/lib/store/event-record";
import styles from "./event-details.module.css";
import { IdCell } from "./id-cell";
import { JsonTree } from "./json-tree";

/** A row's details, expanded in place under it: its ids and times, and data and metadata as trees. */
export function EventDetails({ event }: { event: StoredEvent }) {
  return (
    <div className={styles.details}>
      <dl className={styles.facts}>
        <dt>Event id</dt>
        <dd>
          <IdCell value={event.id} label="event id" whole />
        </dd>
        <dt>Position</dt>
        <dd>{event.position}</dd>
        <dt>Recorded</dt>
        <dd>
          <UtcTime iso={event.recordedAt} full />
        </dd>
        <dt>Occurred</dt>
        <dd>
          <UtcTime iso={event.occurredAt} full />
        </dd>
        <dt>Correlation</dt>
        <dd>
          <IdCell value={event.correlationId} label="correlation id" whole />
        </dd>
        {event.causationId && (
          <>
            <dt>Causation</dt>
            <dd>
              <IdCell
                value={event.causationId}
                label="causation id"
                href={routes.event(event.causationId, event.tenant ?? undefined)}
                whole
              />
            </dd>
          </>
        )}
      </dl>
      <div className={styles.trees}>
        <section aria-label="Data">
          <h3>data</h3>
          <JsonTree value={event.data} label={`Data of ${event.id}`} />
        </section>
        <section aria-label="Metadata">
          <h3>metadata</h3>
          <JsonTree value={event.metadata} label={`Metadata of ${event.id}`} />
        </section>
      </div>
      <Link href={routes.eventOf(event)}>Open the event page →</Link>
    </div>
  );
}
