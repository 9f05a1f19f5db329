import Link from "next/link";
import { Fragment } from "react";
import { UserText } from "@/components/ui/user-text";
import { diffData } from "@/lib/diff/diff-data";
import { routes } from "@/lib/routes";
import type { StoredEvent } from "@/lib/store/event-record";
import type { PreviousInStream } from "@/lib/store/read-previous-in-streams";
import styles from "./event-page.module.css";

/** Changes beyond this many are counted, not listed: a page stays readable whatever the data. */
const SHOWN = 200;
/** A value longer than this (as compact JSON) is cut, marked with an ellipsis. */
const VALUE_CHARS = 300;

const SIGN = { added: "+ added", removed: "− removed", changed: "~ changed" } as const;

/**
 * The event's `data` against the previous event in each of its streams. Streams whose previous
 * event is the same event share one comparison. Each stream without one says why: the event is
 * the stream's first, or the previous one is not visible to the reader.
 */
export function DataDiff({ event, previous }: { event: StoredEvent; previous: PreviousInStream[] }) {
  const groups = new Map<string, { event: StoredEvent; streams: PreviousInStream[] }>();
  for (const entry of previous) {
    const group = groups.get(entry.previous.position) ?? { event: entry.previous, streams: [] };
    group.streams.push(entry);
    groups.set(entry.previous.position, group);
  }
  const found = new Set(previous.map((entry) => entry.stream));
  const without = event.streams.filter((stream) => !found.has(stream.name));
  return (
    <>
      {event.streams.length === 0 && <p className={styles.muted}>In no stream: there is no previous event.</p>}
      {[...groups.values()].map((group) => (
        <Comparison key={group.event.position} before={group.event} after={event} streams={group.streams} />
      ))}
      {without.length > 0 && (
        <ul className={styles.notes}>
          {without.map((stream) => (
            <li key={stream.name}>
              <UserText value={stream.name} />:{" "}
              {stream.version === 0
                ? "the stream's first event, nothing before it"
                : "the previous event is not visible to you"}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Comparison({
  before,
  after,
  streams,
}: {
  before: StoredEvent;
  after: StoredEvent;
  streams: PreviousInStream[];
}) {
  const changes = diffData(before.data, after.data);
  return (
    <section className={styles.comparison} aria-label={`Changes since ${before.type} (${before.id})`}>
      <h3 className={styles.since}>
        Since <Link href={routes.eventOf(before)}>{before.type}</Link>
        <span className={styles.muted}>
          {" "}
          (version{" "}
          {streams.map((entry, index) => (
            <Fragment key={entry.stream}>
              {index > 0 && ", "}
              {entry.version - 1} of <UserText value={entry.stream} />
            </Fragment>
          ))}
          )
        </span>
      </h3>
      {changes.length === 0 ? (
        <p className={styles.muted}>No change in data.</p>
      ) : (
        <div className={styles.scroll}>
          <table className={styles.diff}>
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Path</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {changes.slice(0, SHOWN).map((change) => (
                <tr key={`${change.kind}:${change.path}`} className={styles[change.kind]}>
                  <td className={styles.kind}>{SIGN[change.kind]}</td>
                  <td className={styles.path}>
                    <UserText value={change.path} />
                  </td>
                  <td className={styles.value}>{"before" in change ? <Value value={change.before} /> : null}</td>
                  <td className={styles.value}>{"after" in change ? <Value value={change.after} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {changes.length > SHOWN && (
        <p className={styles.muted}>
          and {(changes.length - SHOWN).toLocaleString("en")} more changes (compare the Data of both events)
        </p>
      )}
    </section>
  );
}

function Value({ value }: { value: unknown }) {
  const text = JSON.stringify(value);
  return <UserText value={text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text} />;
}
