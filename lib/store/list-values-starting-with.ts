import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { parseOrThrow } from "../validation/parse-or-throw";
import { ValuePrefix } from "./schemas";
import type { TenantScope } from "./tenant-scope";

const Options = z.object({
  field: z.enum(["type", "actor", "tenant"]),
  prefix: ValuePrefix,
  limit: z.number().int().min(1).max(100),
});

/** The column of each field; all are COLLATE "C", so their order is byte order, as `starts_with` compares. */
const COLUMNS = { type: Prisma.sql`e.type`, actor: Prisma.sql`e.actor_id`, tenant: Prisma.sql`e.tenant` };

export interface ValuesStartingWith {
  /** Distinct values in byte order, at most `limit`. */
  values: string[];
  /** Every value within the scope that starts with the prefix is in `values`. */
  complete: boolean;
}

/**
 * The distinct types, actor ids or tenants within the scope that start with `prefix` (exactly:
 * case, `%`, `_` and quotes are plain characters), the first `limit` in byte order. A loose index
 * scan: each value is one probe of a (column, position) index for the next greater value, so the
 * cost is `limit` probes however many events each value has (EXPLAIN and timings in README). A
 * tenant's types and actors come from the partial (tenant, type|actor_id, position) indexes; a
 * tenant-bound key's only tenant is its own, which needs no query.
 */
export async function listValuesStartingWith(
  db: Database,
  scope: TenantScope,
  options: z.input<typeof Options>,
): Promise<ValuesStartingWith> {
  const { field, prefix, limit } = parseOrThrow(Options, options);
  if (field === "tenant" && scope !== "all-tenants") {
    const mine = scope.tenant.startsWith(prefix) ? [scope.tenant] : [];
    return { values: mine, complete: true };
  }
  const column = COLUMNS[field];
  const inScope = scope === "all-tenants" ? Prisma.empty : Prisma.sql`AND e.tenant = ${scope.tenant}`;
  // `>=`/`>` bound the index range; starts_with stops the walk at the first value past the prefix,
  // exactly (a `< prefix || chr(0x10FFFF)` bound would drop values that continue with U+10FFFF).
  // The walk takes limit + 1 values, so that `complete` is known without a count.
  const rows = await db.query<{ value: string }>(Prisma.sql`
    WITH RECURSIVE walk(value, n) AS (
      SELECT (SELECT ${column} FROM events e WHERE ${column} >= ${prefix}::text ${inScope}
               ORDER BY ${column} LIMIT 1), 1
      UNION ALL
      SELECT (SELECT ${column} FROM events e WHERE ${column} > w.value ${inScope}
               ORDER BY ${column} LIMIT 1), w.n + 1
        FROM walk w WHERE starts_with(w.value, ${prefix}::text) AND w.n <= ${limit}::int)
    SELECT value FROM walk WHERE starts_with(value, ${prefix}::text) ORDER BY n`);
  const values = rows.map((row) => row.value);
  return { values: values.slice(0, limit), complete: values.length <= limit };
}
