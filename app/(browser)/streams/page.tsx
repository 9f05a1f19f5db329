import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserText } from "@/components/ui/user-text";
import { UtcTime } from "@/components/ui/utc-time";
import { ZoneName } from "@/components/ui/zone-name";
import { pageContext } from "@/lib/auth/require-principal";
import { routes } from "@/lib/routes";
import { listStreamCategories, type StreamCategory } from "@/lib/store/list-stream-categories";
import { listStreams } from "@/lib/store/list-streams";
import { parseStreamsState, type StreamSort, type StreamsState } from "@/lib/url-state/streams-url";
import styles from "../list.module.css";
import { StreamFilters } from "./_components/stream-filters";

export const metadata: Metadata = { title: "Streams" };

export default async function StreamsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, scope } = await pageContext();
  const state = parseStreamsState(await searchParams);
  const { prefix, category, sort, cursor, names } = state;
  if (!prefix && !category && !sort && !cursor && !names) {
    return <StreamCategories state={state} categories={await listStreamCategories(db, scope)} />;
  }
  const page = await listStreams(db, scope, { prefix, category, sort, after: cursor, limit: 100 });
  const filter = { prefix, category, names: !prefix && !category };
  const sortedBy = (by: StreamSort) => ((sort ?? "name") === by ? ("descending" as const) : undefined);
  const sortLink = (by: StreamSort, label: ReactNode) => (
    <Link href={routes.streams({ ...filter, sort: by })}>
      {label}
      {(sort ?? "name") === by && <span aria-hidden="true">{by === "name" ? " ↑" : " ↓"}</span>}
    </Link>
  );
  return (
    <>
      <h1 className={styles.title}>Streams</h1>
      <p>
        <Link href={routes.streams()}>← By category</Link>
      </p>
      <StreamFilters state={state} categories={[]} listing />
      {page.items.length === 0 ? (
        <p className={styles.empty}>{prefix || category ? "No streams match these filters." : "No streams yet."}</p>
      ) : (
        <div className={styles.wrap}>
          <table className={styles.table} aria-label="Streams">
            <thead>
              <tr>
                <th scope="col" aria-sort={sortedBy("name") && "ascending"}>
                  {sortLink("name", "Stream")}
                </th>
                <th scope="col" className={styles.num} aria-sort={sortedBy("count")}>
                  {sortLink("count", "Events")}
                </th>
                <th scope="col" className={`${styles.num} ${styles.optional}`}>
                  Version
                </th>
                <th scope="col" className={styles.optional}>
                  First event (<ZoneName />)
                </th>
                <th scope="col" aria-sort={sortedBy("activity")}>
                  {sortLink(
                    "activity",
                    <>
                      Last activity (<ZoneName />)
                    </>,
                  )}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((stream) => (
                <tr key={stream.name}>
                  <td className={styles.breakable}>
                    <Link href={routes.stream(stream.name)}>
                      <UserText value={stream.name} />
                    </Link>
                  </td>
                  <td className={styles.num}>{stream.eventCount.toLocaleString("en")}</td>
                  <td className={`${styles.num} ${styles.optional}`}>{stream.version}</td>
                  <td className={styles.optional}>
                    <UtcTime iso={stream.firstAt} />
                  </td>
                  <td>
                    <UtcTime iso={stream.lastAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className={styles.pager}>
        {cursor && <Link href={routes.streams({ ...filter, sort })}>← First</Link>}
        {page.next && <Link href={routes.streams({ ...filter, sort, cursor: page.next })}>Next →</Link>}
      </nav>
    </>
  );
}

/** The Streams page without filters: one row per category, each opening its streams by prefix. */
function StreamCategories({
  state,
  categories,
}: {
  state: StreamsState;
  categories: Awaited<ReturnType<typeof listStreamCategories>>;
}) {
  const href = (category: StreamCategory) =>
    category.dashed ? routes.streams({ prefix: `${category.name}-` }) : routes.stream(category.name);
  return (
    <>
      <h1 className={styles.title}>Streams</h1>
      <p>
        By category (the name before its first <code>-</code>).{" "}
        <Link href={routes.streams({ names: true })}>Every stream by name →</Link>
      </p>
      <StreamFilters state={state} categories={categories.items} listing={false} />
      {categories.items.length === 0 ? (
        <p className={styles.empty}>No streams yet.</p>
      ) : (
        <div className={styles.wrap}>
          <table className={styles.table} aria-label="Stream categories">
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col" className={styles.num}>
                  Streams
                </th>
                <th scope="col" className={styles.num}>
                  Events
                </th>
                <th scope="col">
                  Last activity (<ZoneName />)
                </th>
              </tr>
            </thead>
            <tbody>
              {categories.items.map((category) => (
                <tr key={category.name}>
                  <td className={styles.breakable}>
                    <Link href={href(category)}>
                      <UserText value={category.name} />
                    </Link>
                  </td>
                  <td className={styles.num}>{category.streams.toLocaleString("en")}</td>
                  <td className={styles.num}>{category.events.toLocaleString("en")}</td>
                  <td>
                    <UtcTime iso={category.lastAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {categories.more && <p>More categories exist: find them by name prefix on the by-name list.</p>}
    </>
  );
}
