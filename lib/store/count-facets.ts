import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { readHead } from "./read-head";
import { scopeConditions, type TenantScope, whereAll } from "./tenant-scope";

export type FacetField = "type" | "actor" | "tenant" | "category";

export interface FacetValue {
  value: string;
  /** A display name, where the events carry one (an actor's name). */
  label?: string;
  count: number;
  /** Categories: some stream in it is named `<category>-…` (else the category is a whole name). */
  dashed?: boolean;
}

export interface Facets {
  values: Record<FacetField, FacetValue[]>;
  /** How many matching events were counted. */
  counted: number;
  /**
   * True when the counts are over every matching event; false when they are over a sample: the
   * newest `sampleSize` matching events within the newest `window` positions.
   */
  exact: boolean;
  sampleSize: number;
  window: number;
}

/**
 * Bounds on the work one facet count does, so it answers within a time budget on any log: at
 * most `window` positions are examined (a primary-key range) and `sampleSize` matches counted.
 */
export const FACET_LIMITS = {
  pglite: { window: 50_000, sampleSize: 10_000 },
  postgres: { window: 200_000, sampleSize: 10_000 },
} as const;

/** A stream's category: the name up to its first `-` (`Order-42` → `Order`), the whole name without one. */
const CATEGORY = Prisma.sql`split_part(m.stream, '-', 1)`;

/**
 * Counts the events matching `where` by type, actor, tenant and stream category, the `top` most
 * frequent values of each. One statement over a bounded sample (see FACET_LIMITS): the newest
 * matching events, which is also what the page shows first.
 */
export async function countFacets(
  db: Database,
  filter: { where: Prisma.Sql[]; scope: TenantScope },
  top = 8,
  limits: { window: number; sampleSize: number } = FACET_LIMITS[db.kind],
): Promise<Facets> {
  const head = BigInt((await readHead(db))?.position ?? "0");
  const floor = head > BigInt(limits.window) ? head - BigInt(limits.window) : 0n;
  const where = whereAll([
    ...filter.where,
    ...scopeConditions(filter.scope),
    Prisma.sql`e.position > ${String(floor)}::bigint`,
  ]);
  type Row = { facet: FacetField | "total"; value: string; label: string | null; count: string; dashed: boolean };
  const rows = await db.query<Row>(Prisma.sql`
    WITH sample AS MATERIALIZED (
      SELECT e.position, e.type, e.actor_id, e.actor_name, e.tenant FROM events e ${where}
       ORDER BY e.position DESC LIMIT ${limits.sampleSize})
    SELECT 'total' AS facet, '' AS value, NULL AS label, count(*)::text AS count, false AS dashed FROM sample
    UNION ALL SELECT 'type', s.type, NULL, count(*)::text, false FROM sample s GROUP BY s.type
    UNION ALL SELECT 'actor', s.actor_id, max(s.actor_name), count(*)::text, false
      FROM sample s WHERE s.actor_id IS NOT NULL GROUP BY s.actor_id
    UNION ALL SELECT 'tenant', s.tenant, NULL, count(*)::text, false
      FROM sample s WHERE s.tenant IS NOT NULL GROUP BY s.tenant
    UNION ALL SELECT 'category', ${CATEGORY}, NULL, count(DISTINCT s.position)::text, bool_or(m.stream LIKE '%-%')
      FROM sample s JOIN stream_events m
        -- The lower bound keeps the planner from merging with every membership from position 1.
        ON m.position = s.position AND m.position >= (SELECT min(t.position) FROM sample t)
     GROUP BY ${CATEGORY}`);
  const values: Record<FacetField, FacetValue[]> = { type: [], actor: [], tenant: [], category: [] };
  let counted = 0;
  for (const row of rows) {
    if (row.facet === "total") counted = Number(row.count);
    else {
      values[row.facet].push({
        value: row.value,
        ...(row.label && { label: row.label }),
        count: Number(row.count),
        ...(row.dashed && { dashed: true }),
      });
    }
  }
  for (const field of Object.keys(values) as FacetField[]) {
    values[field] = values[field]
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, top);
  }
  const exact = floor === 0n && counted < limits.sampleSize;
  return { values, counted, exact, sampleSize: limits.sampleSize, window: limits.window };
}
