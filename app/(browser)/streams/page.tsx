import type { Metadata } from "next";
import Link from "next/link";
import { UserText } from "@/components/ui/user-text";
import { UtcTime } from "@/components/ui/utc-time";
import { pageContext } from "@/lib/auth/require-principal";
import { routes } from "@/lib/routes";
import { listStreamCategories } from "@/lib/store/list-stream-categories";
import { listStreams } from "@/lib/store/list-streams";
import { parseStreamsState } from "@/lib/url-state/streams-url";
import styles from "../list.module.css";

export const metadata: Metadata = { title: "Streams" };

export default async function StreamsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, scope } = await pageContext();
  const { prefix, cursor, names } = parseStreamsState(await searchParams);
  if (!prefix && !cursor && !names) return <StreamCategories categories={await listStreamCategories(db, scope)} />;
  const page = await listStreams(db, scope, { prefix, after: cursor, limit: 100 });
  return (
    <>
      <h1 className={styles.title}>Streams</h1>
      <p>
        <Link href={routes.streams()}>← By category</Link>
      </p>
      <StreamSearch prefix={prefix} />
      {page.items.length === 0 ? (
        <p className={styles.empty}>{prefix ? `No streams start with “${prefix}”.` : "No streams yet."}</p>
      ) : (
        <div className={styles.wrap}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Stream</th>
                <th scope="col">Events</th>
                <th scope="col">Version</th>
                <th scope="col">First event (UTC)</th>
                <th scope="col">Last activity (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((stream) => (
                <tr key={stream.name}>
                  <td>
                    <Link href={routes.stream(stream.name)}>
                      <UserText value={stream.name} />
                    </Link>
                  </td>
                  <td className={styles.num}>{stream.eventCount.toLocaleString("en")}</td>
                  <td className={styles.num}>{stream.version}</td>
                  <td>
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
        {cursor && <Link href={routes.streams({ prefix, names: !prefix })}>← First</Link>}
        {page.next && <Link href={routes.streams({ prefix, cursor: page.next, names: !prefix })}>Next →</Link>}
      </nav>
    </>
  );
}

/** The Streams page without a prefix: one row per category, each opening its streams by prefix. */
function StreamCategories({ categories }: { categories: Awaited<ReturnType<typeof listStreamCategories>> }) {
  return (
    <>
      <h1 className={styles.title}>Streams</h1>
      <p>
        By category (the name before its first <code>-</code>).{" "}
        <Link href={routes.streams({ names: true })}>Every stream by name →</Link>
      </p>
      <StreamSearch prefix="" />
      {categories.items.length === 0 ? (
        <p className={styles.empty}>No streams yet.</p>
      ) : (
        <div className={styles.wrap}>
          <table className={styles.table} aria-label="Stream categories">
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Streams</th>
                <th scope="col">Events</th>
                <th scope="col">Last activity (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {categories.items.map((category) => (
                <tr key={category.name}>
                  <td>
                    <Link
                      href={
                        category.dashed ? routes.streams({ prefix: `${category.name}-` }) : routes.stream(category.name)
                      }
                    >
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

function StreamSearch({ prefix }: { prefix: string }) {
  return (
    <search>
      <form action="/streams" method="get" className={styles.search}>
        <label htmlFor="prefix">Name starts with</label>
        <input id="prefix" name="prefix" defaultValue={prefix} key={prefix} placeholder="Order-" autoComplete="off" />
        <button type="submit">Find</button>
      </form>
    </search>
  );
}
