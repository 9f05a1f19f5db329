import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { parseOrThrow } from "./zod-issues";

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
  /** Last version (event count - 1, versions being gapless from 0). */
  version: number;
  eventCount: number;
  firstAt: string;
  lastAt: string;
}

/**
 * Streams by name (byte order, the column's "C" collation), with counts and first/last activity.
 * The column's "C" collation makes `LIKE 'prefix%'` a range on the (stream, version) primary key.
 */
export async function listStreams(
  db: Database,
  options: ListStreamsOptions = {},
): Promise<{ items: StreamSummary[]; next: string | null }> {
  const { prefix, after, limit } = parseOrThrow(ListStreamsOptions, options);
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.query<{ name: string; version: string; first_at: Date; last_at: Date }>(Prisma.sql`
    SELECT m.stream AS name, max(m.version)::text AS version, min(m.linked_at) AS first_at, max(m.linked_at) AS last_at
      FROM stream_events m
     WHERE m.stream LIKE ${pattern} AND m.stream > ${after ?? ""}
     GROUP BY m.stream ORDER BY m.stream LIMIT ${limit + 1}`);
  const items = rows.slice(0, limit).map((row) => ({
    name: row.name,
    version: Number(row.version),
    eventCount: Number(row.version) + 1,
    firstAt: row.first_at.toISOString(),
    lastAt: row.last_at.toISOString(),
  }));
  return { items, next: rows.length > limit ? (items.at(-1)?.name ?? null) : null };
}
