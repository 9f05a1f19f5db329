import type { Metadata } from "next";
import Link from "next/link";
import { EventTable } from "@/components/events/event-table";
import { UserText } from "@/components/ui/user-text";
import { pageContext } from "@/lib/auth/require-principal";
import { pathSegment, routes } from "@/lib/routes";
import { readStream } from "@/lib/store/read-stream";
import { StreamName } from "@/lib/store/schemas";
import { parseStreamState } from "@/lib/url-state/stream-url";
import styles from "../../list.module.css";

export const metadata: Metadata = { title: "Stream" };

export default async function StreamPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, scope } = await pageContext();
  const name = pathSegment((await params).name);
  const { fromVersion, direction } = parseStreamState(await searchParams);
  const valid = StreamName.safeParse(name).success;
  const page = valid
    ? await readStream(db, name, scope, { fromVersion, direction, limit: 50 })
    : { items: [], next: null };
  const first = page.items[0]?.version;
  const other = direction === "forward" ? "backward" : "forward";
  return (
    <>
      <h1 className={styles.title}>
        Stream <UserText value={name} />
      </h1>
      <p className={styles.muted}>
        {direction === "forward" ? "Oldest first" : "Newest first"} ·{" "}
        <Link href={routes.stream(name, { direction: other })}>
          show {other === "forward" ? "oldest" : "newest"} first
        </Link>{" "}
        · <Link href={routes.events({ q: routes.term("stream", name) })}>search within this stream</Link>
      </p>
      {page.items.length === 0 ? (
        <p className={styles.empty}>No events in this stream{fromVersion !== undefined ? " from that version" : ""}.</p>
      ) : (
        <EventTable events={page.items} q="" />
      )}
      <nav aria-label="Pages" className={styles.pager}>
        {first !== undefined && first > 0 && direction === "forward" && (
          <Link href={routes.stream(name, { direction: "backward", fromVersion: first - 1 })}>← Earlier versions</Link>
        )}
        {page.next !== null && (
          <Link href={routes.stream(name, { direction, fromVersion: page.next })}>
            {direction === "forward" ? "Later versions →" : "Earlier versions →"}
          </Link>
        )}
        {page.items.length > 0 && (
          <span className={styles.muted}>
            versions {page.items[0]!.version}–{page.items.at(-1)!.version}
          </span>
        )}
      </nav>
    </>
  );
}
