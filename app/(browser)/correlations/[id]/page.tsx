import type { Metadata } from "next";
import { CausationTree } from "@/components/events/causation-tree";
import { EventTable } from "@/components/events/event-table";
import { UtcTime } from "@/components/ui/utc-time";
import { pageContext } from "@/lib/auth/require-principal";
import { pathSegment } from "@/lib/routes";
import { buildCausationTree } from "@/lib/store/build-causation-tree";
import { readWholeCorrelation } from "@/lib/store/read-whole-correlation";
import styles from "../../list.module.css";

export const metadata: Metadata = { title: "Correlation" };

export default async function CorrelationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ event?: string }>;
}) {
  const { db, scope } = await pageContext();
  const id = pathSegment((await params).id);
  const { event } = await searchParams;
  const { events, truncated } = await readWholeCorrelation(db, id, scope);
  const timeline = [...events].reverse();
  return (
    <>
      <h1 className={styles.title}>Correlation {id}</h1>
      {events.length === 0 ? (
        <p className={styles.empty}>No events carry this correlation id.</p>
      ) : (
        <>
          <p className={styles.muted}>
            {events.length.toLocaleString("en")} events{truncated ? " (the first 10,000)" : ""}, from{" "}
            <UtcTime iso={events[0]!.recordedAt} full /> to <UtcTime iso={events.at(-1)!.recordedAt} full />.
          </p>
          <section aria-labelledby="tree-h">
            <h2 id="tree-h">Causation tree</h2>
            <CausationTree roots={buildCausationTree(events)} current={typeof event === "string" ? event : undefined} />
          </section>
          <section aria-labelledby="timeline-h">
            <h2 id="timeline-h">Timeline (newest first)</h2>
            <EventTable
              events={timeline}
              q=""
              highlight={timeline.filter((e) => e.id === event).map((e) => e.position)}
            />
          </section>
        </>
      )}
    </>
  );
}
