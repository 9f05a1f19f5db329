import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyEvent } from "@/components/event-page/copy-event";
import { DataDiff } from "@/components/event-page/data-diff";
import { RecordedBy } from "@/components/event-page/recorded-by";
import { JsonTree } from "@/components/events/json-tree";
import { LocalTime } from "@/components/ui/local-time";
import { UserText } from "@/components/ui/user-text";
import { UtcTime } from "@/components/ui/utc-time";
import { readKeyName } from "@/lib/auth/read-key-name";
import { pageContext } from "@/lib/auth/require-principal";
import { AmbiguousEventId, NotFound } from "@/lib/errors";
import { tenantParam } from "@/lib/http/tenant-param";
import { pathSegment, routes } from "@/lib/routes";
import { getEventDetail } from "@/lib/store/get-event-detail";
import { readPreviousInStreams } from "@/lib/store/read-previous-in-streams";
import styles from "./event.module.css";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tenant?: string | string[] }>;
}) {
  const { db, scope } = await pageContext();
  const id = pathSegment((await params).id);
  const tenant = tenantParam((await searchParams).tenant);
  const detail = await getEventDetail(db, id, scope, { causedLimit: 200, tenant }).catch((error: unknown) => {
    if (error instanceof NotFound) notFound();
    if (error instanceof AmbiguousEventId) return error;
    throw error;
  });
  if (detail instanceof AmbiguousEventId) return <AmbiguousId id={id} tenants={detail.tenants} />;
  const { event, cause, caused, causedMore } = detail;
  const [previous, writerName] = await Promise.all([
    readPreviousInStreams(db, event.position, scope),
    event.writer === null ? null : readKeyName(db, event.writer, scope),
  ]);
  const party = (p: { id: string; type?: string; name?: string }) =>
    [p.id, p.type && `(${p.type})`, p.name && `“${p.name}”`].filter(Boolean).join(" ");
  return (
    <article className={styles.page}>
      <h1 className={styles.title}>{event.type}</h1>
      <CopyEvent event={event} />
      <dl className={styles.facts}>
        <dt>Id</dt>
        <dd className={styles.mono}>{event.id}</dd>
        <dt>Position</dt>
        <dd className={styles.mono}>{event.position}</dd>
        <dt>Recorded</dt>
        <dd>
          <UtcTime iso={event.recordedAt} full /> · <LocalTime iso={event.recordedAt} />
        </dd>
        <dt>Occurred</dt>
        <dd>
          <UtcTime iso={event.occurredAt} full /> · <LocalTime iso={event.occurredAt} />
        </dd>
        <dt>Actor</dt>
        <dd>
          {event.actor ? (
            <Link href={routes.events({ q: routes.term("actor", event.actor.id) })}>
              <UserText value={party(event.actor)} />
            </Link>
          ) : (
            "—"
          )}
        </dd>
        <dt>Targets</dt>
        <dd>{event.targets.length ? <UserText value={event.targets.map(party).join(", ")} /> : "—"}</dd>
        <dt>Tenant</dt>
        <dd>{event.tenant ?? "—"}</dd>
        <dt>Correlation</dt>
        <dd>
          <Link href={routes.correlation(event.correlationId, event.id)} className={styles.mono}>
            <UserText value={event.correlationId} />
          </Link>
        </dd>
        {event.traceId && (
          <>
            <dt>Trace</dt>
            <dd className={styles.mono}>{event.traceId}</dd>
          </>
        )}
        <dt>Hash</dt>
        <dd className={styles.mono} title={`previous: ${event.prevHash}`}>
          {event.hash}
        </dd>
        <dt>Recorded by</dt>
        <dd>
          <RecordedBy writer={event.writer} keyName={writerName} />
        </dd>
        <dt>Proof</dt>
        <dd>
          <a
            href={`/api/events/${encodeURIComponent(event.id)}/receipt${
              event.tenant === null ? "" : `?tenant=${encodeURIComponent(event.tenant)}`
            }`}
            download
          >
            Download a receipt
          </a>{" "}
          <span className={styles.muted}>
            (the event, a signed tree head and its inclusion proof, checkable offline)
          </span>
        </dd>
      </dl>
      <section aria-labelledby="streams-h">
        <h2 id="streams-h">Streams</h2>
        {event.streams.length === 0 ? (
          <p className={styles.muted}>In no stream: global log only.</p>
        ) : (
          <ul className={styles.inline}>
            {event.streams.map((stream) => (
              <li key={stream.name}>
                <Link href={routes.stream(stream.name, { fromVersion: stream.version })}>
                  <UserText value={stream.name} />
                </Link>{" "}
                <span className={styles.muted}>version {stream.version}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="causation-h">
        <h2 id="causation-h">Causation</h2>
        <p>
          Caused by:{" "}
          {cause ? (
            <Link href={routes.eventOf(cause)}>{cause.type}</Link>
          ) : event.causationId ? (
            <span className={styles.mono}>{event.causationId} (not stored here)</span>
          ) : (
            <span className={styles.muted}>nothing (a root event)</span>
          )}
        </p>
        <p>
          Caused{" "}
          {caused.length === 0 ? (
            <span className={styles.muted}>no events</span>
          ) : (
            `${caused.length}${causedMore ? "+" : ""} event${caused.length === 1 ? "" : "s"}:`
          )}
        </p>
        {caused.length > 0 && (
          <ul className={styles.inline}>
            {caused.map((child) => (
              <li key={child.id}>
                <Link href={routes.eventOf(child)}>{child.type}</Link>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href={routes.correlation(event.correlationId, event.id)}>See the whole flow (correlation) →</Link>
        </p>
      </section>
      <section aria-labelledby="data-h">
        <h2 id="data-h">Data</h2>
        <JsonTree value={event.data} label="Data" />
      </section>
      <section aria-labelledby="changes-h">
        <h2 id="changes-h">Changes in data</h2>
        <DataDiff event={event} previous={previous} />
      </section>
      <section aria-labelledby="metadata-h">
        <h2 id="metadata-h">Metadata</h2>
        <JsonTree value={event.metadata} label="Metadata" />
      </section>
    </article>
  );
}

/** Ids are unique per tenant: a reader of every tenant picks which tenant's event it meant. */
function AmbiguousId({ id, tenants }: { id: string; tenants: (string | null)[] }) {
  return (
    <article className={styles.page}>
      <h1 className={styles.title}>Events of several tenants have this id</h1>
      <p>
        Event ids are unique per tenant. Choose the tenant of <span className={styles.mono}>{id}</span>:
      </p>
      <ul>
        {tenants.map((tenant) => (
          <li key={tenant ?? ""}>
            <Link href={routes.event(id, tenant)}>{tenant === null ? "no tenant" : <UserText value={tenant} />}</Link>
          </li>
        ))}
      </ul>
    </article>
  );
}
