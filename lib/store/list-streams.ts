import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { parseOrThrow } from "../validation/parse-or-throw";
import type { TenantScope } from "./tenant-scope";

const ListStreamsOptions = z.object({
  /** Only streams whose name starts with this. */
  prefix: z.string().max(200).default(""),
  /** Stream name to continue after (exclusive), in byte order. */
  after: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(1000).default(50),
});
export type ListStreamsOptions = z.input<typeof ListStreamsOptions>;

export interface StreamSummary {
  name: string;
  /** Last version of the stream (of the events visible to the caller, for a tenant). */
  version: number;
  eventCount: number;
  firstAt: string;
  lastAt: string;
}

/**
 * Streams by name (byte order) within the scope, with counts and first/last activity.
 * The column's "C" collation makes `LIKE 'prefix%'` a range on the (stream, version) primary key.
 */
export async function listStreams(
  db: Database,
  scope: TenantScope,
  options: ListStreamsOptions = {},
): Promise<{ items: StreamSummary[]; next: string | null }> {
  const { prefix, after, limit } = parseOrThrow(ListStreamsOptions, options);
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // A tenant sees the streams holding its events, counting only those.
  const visible =
    scope === "all-tenants"
      ? Prisma.empty
      : Prisma.sql`JOIN events e ON e.position = m.position AND e.tenant = ${scope.tenant}`;
  const rows = await db.query<{
    name: string;
    version: string;
    count: string;
    first_at: Date;
    last_at: Date;
  }>(Prisma.sql`
    SELECT m.stream AS name, max(m.version)::text AS version, count(*)::text AS count,
           min(m.linked_at) AS first_at, max(m.linked_at) AS last_at
      FROM stream_events m ${visible}
     WHERE m.stream LIKE ${pattern} AND m.stream > ${after ?? ""}
     GROUP BY m.stream ORDER BY m.stream LIMIT ${limit + 1}`);
  const items = rows.slice(0, limit).map((row) => ({
    name: row.name,
    version: Number(row.version),
    eventCount: Number(row.count),
    firstAt: row.first_at.toISOString(),
    lastAt: row.last_at.toISOString(),
  }));
  return { items, next: rows.length > limit ? (items.at(-1)?.name ?? null) : null };
}
