import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { AmbiguousEventId, EventAlreadyInStream, NotFound, ValidationError } from "../errors";
import { parseOrThrow } from "../validation/parse-or-throw";
import { APPEND_LOCK_KEY } from "./append-lock";
import { checkExpectedVersion } from "./build-event-rows";
import { ExpectedVersion, StreamName } from "./schemas";
import { andInScope, type TenantScope } from "./tenant-scope";

export const LinkRequest = z.object({
  eventIds: z.array(z.uuid()).min(1).max(1000),
  stream: StreamName,
  expectedVersion: ExpectedVersion.default("any"),
});
export type LinkRequest = z.input<typeof LinkRequest>;

export interface LinkResult {
  stream: string;
  links: { id: string; version: number }[];
  /** True when every event was already in the stream, in this order, and nothing was written. */
  replayed: boolean;
}

/**
 * Links stored events into a stream at its next versions, atomically. Repeating the same link
 * request is harmless (replayed); linking some events that are already there is a conflict.
 * Only events within the scope (and of `tenant`, when given) can be linked: others are NotFound, as
 * if they did not exist. An id that events of several tenants in the scope hold is AmbiguousEventId.
 */
export async function linkEvents(
  db: Database,
  request: LinkRequest,
  scope: TenantScope,
  tenant?: string | null,
): Promise<LinkResult> {
  const { eventIds, stream, expectedVersion } = parseOrThrow(LinkRequest, request);
  if (new Set(eventIds).size !== eventIds.length) {
    throw new ValidationError([{ path: "eventIds", message: "an event id is listed twice" }]);
  }
  return db.transaction(
    async (tx) => {
      const rows = await tx.query<{ id: string; tenant: string | null; position: string; version: string | null }>(
        Prisma.sql`
      SELECT e.id::text AS id, e.tenant, e.position::text AS position, m.version::text AS version
        FROM unnest(${eventIds}::uuid[]) WITH ORDINALITY AS wanted(id, n)
        JOIN events e ON e.id = wanted.id ${andInScope(scope)} ${
          tenant === undefined ? Prisma.empty : Prisma.sql`AND e.tenant IS NOT DISTINCT FROM ${tenant}::text`
        }
        LEFT JOIN stream_events m ON m.position = e.position AND m.stream = ${stream}
       ORDER BY wanted.n, e.position`,
      );
      const found = new Set(rows.map((row) => row.id));
      // Ids are unique per tenant: for a reader of every tenant an id may name several events.
      const twice = rows.find((row, i) => i > 0 && rows[i - 1]!.id === row.id);
      if (twice) {
        const tenants = rows.filter((row) => row.id === twice.id).map((row) => row.tenant);
        throw new AmbiguousEventId(twice.id, tenants);
      }
      const missing = eventIds.filter((id) => !found.has(id));
      if (missing.length > 0) throw new NotFound(`Events ${missing.join(", ")}`);
      const present = rows.filter((row) => row.version !== null);
      if (present.length === rows.length) {
        const versions = present.map((row) => Number(row.version));
        if (versions.every((version, i) => i === 0 || version === versions[i - 1]! + 1)) {
          return { stream, links: rows.map((row, i) => ({ id: row.id, version: versions[i]! })), replayed: true };
        }
      }
      if (present.length > 0)
        throw new EventAlreadyInStream(
          stream,
          present.map((row) => row.id),
        );
      const [head] = await tx.query<{ version: string | null }>(Prisma.sql`
      SELECT max(version)::text AS version FROM stream_events WHERE stream = ${stream}`);
      const current = head?.version === null || head?.version === undefined ? null : Number(head.version);
      checkExpectedVersion(stream, expectedVersion, current);
      const links = rows.map((row, i) => ({ id: row.id, position: row.position, version: (current ?? -1) + 1 + i }));
      await tx.query(Prisma.sql`
      INSERT INTO stream_events (stream, version, position, linked_at)
      SELECT ${stream}, version, position, now()
        FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS r(version bigint, position bigint)`);
      return { stream, links: links.map(({ id, version }) => ({ id, version })), replayed: false };
    },
    { lock: APPEND_LOCK_KEY },
  );
}
