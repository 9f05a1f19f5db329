import pg from "pg";
import type { Database } from "../../lib/db/database";
import { Prisma } from "../../lib/db/generated/client";
import { searchConditions } from "../../lib/query/build-where";
import { searchEvents } from "../../lib/query/search-events";
import { EVENT_COLUMNS, MEMBERSHIPS } from "../../lib/store/event-record";
import { percentile, round, timeEach } from "../measure";
import { type Figure, figure } from "./append";

/** One search per filter kind, with values taken from the middle of the dataset. */
export async function searchQueries(db: Database): Promise<{ kind: string; q: string }[]> {
  const [sample] = await db.query<{
    actor_id: string;
    tenant: string;
    correlation_id: string;
    stream: string;
    recorded_at: Date;
    type: string;
  }>(Prisma.sql`
    SELECT e.actor_id, e.tenant, e.correlation_id, e.type, e.recorded_at,
           (SELECT m.stream FROM stream_events m WHERE m.position = e.position LIMIT 1) AS stream
      FROM events e WHERE e.position = (SELECT max(position) / 2 FROM events)`);
  if (!sample) throw new Error("empty dataset");
  const day = sample.recorded_at.toISOString().slice(0, 10);
  return [
    { kind: "type", q: "type:PaymentCaptured" },
    { kind: "type prefix", q: "type:Shipment*" },
    { kind: "actor", q: `actor:${sample.actor_id}` },
    { kind: "stream", q: `stream:${sample.stream}` },
    { kind: "correlation", q: `correlation:${sample.correlation_id}` },
    { kind: "tenant", q: `tenant:${sample.tenant}` },
    { kind: "time range", q: `recorded:${day}` },
    { kind: "free text", q: `"insufficient funds"` },
    { kind: "data path", q: "data.amount:>400" },
    { kind: "combination", q: `type:Order* tenant:${sample.tenant} data.amount:>100 -type:OrderPlaced` },
  ];
}

/** The exact statement the verb runs for a first page, to time on the bare driver. */
function rawStatement(q: string): Prisma.Sql {
  const conditions = searchConditions(q);
  return Prisma.sql`SELECT ${EVENT_COLUMNS}, ${MEMBERSHIPS} FROM events e
    WHERE ${Prisma.join(conditions, " AND ")} ORDER BY e.position DESC LIMIT 51`;
}

export interface SearchTiming {
  kind: string;
  q: string;
  verb: { p50: number; p95: number };
  raw: { p50: number; p95: number };
  api?: { p50: number; p95: number };
}

export async function searchSuite(
  db: Database,
  url: string,
  reps: number,
  api?: (q: string) => Promise<unknown>,
): Promise<{ timings: SearchTiming[]; figures: Figure[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const timings: SearchTiming[] = [];
  for (const { kind, q } of await searchQueries(db)) {
    const statement = rawStatement(q);
    await searchEvents(db, { q }, "all-tenants"); // warm caches the same way for all three
    const verb = await timeEach(reps, () => searchEvents(db, { q, limit: 50 }, "all-tenants"));
    const raw = await timeEach(reps, () => client.query(statement.text, statement.values));
    const apiSamples = api ? await timeEach(reps, () => api(q)) : null;
    const stats = (s: number[]) => ({ p50: round(percentile(s, 50), 2), p95: round(percentile(s, 95), 2) });
    timings.push({ kind, q, verb: stats(verb), raw: stats(raw), ...(apiSamples && { api: stats(apiSamples) }) });
  }
  await client.end();
  const figures = timings.map((t) =>
    figure({
      name: `search first page: ${t.kind} (p95, verb)`,
      unit: "ms",
      ours: t.verb.p95,
      reference: { name: "same SQL on pg", value: t.raw.p95 },
      higherIsBetter: false,
      target: t.kind === "free text" ? "p95 ≤ 150 ms, ≤ 1.5× raw" : "p95 ≤ 20 ms, ≤ 1.5× raw",
      targetRatio: 1 / 1.5,
      notes: `p50 ${t.verb.p50} ms (raw ${t.raw.p50})${t.api ? `; API p50/p95 ${t.api.p50}/${t.api.p95} ms` : ""}`,
    }),
  );
  for (const f of figures) {
    const limit = f.name.includes("free text") ? 150 : 20;
    f.met = Boolean(f.met) && f.ours <= limit;
  }
  return { timings, figures };
}
