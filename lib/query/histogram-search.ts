import "server-only";
import type { Database } from "../db/database";
import { countOverTime, HISTOGRAM_WINDOW, type Histogram } from "../store/count-over-time";
import type { TenantScope } from "../store/tenant-scope";
import { buildWhere } from "./build-where";
import { parseQuery } from "./parse-query";
import type { Node } from "./query-ast";

/** Fields a (column, position) index or a position range answers without reading events. */
const INDEXED_FIELDS = new Set(["type", "actor", "tenant", "correlation", "stream", "id", "causation", "recorded"]);

/**
 * Whether counting a position range of matches reads indexes only: every term is a positive,
 * indexed field with a plain value. A negation, free text, a data path or a `prefix*` (a LIKE the
 * btree cannot serve under every collation) reads each event in the range instead.
 */
export function countsFromIndexes(nodes: Node[]): boolean {
  return nodes.every(
    (node) =>
      !node.negated &&
      (node.kind === "group"
        ? countsFromIndexes(node.items)
        : node.kind === "field" &&
          node.path.length === 0 &&
          INDEXED_FIELDS.has(node.field) &&
          !node.value.endsWith("*")),
  );
}

/** Events a histogram reads row by row at most: the facets' bound, for the same time budget. */
const ROW_BY_ROW_WINDOW = { pglite: 50_000, postgres: 200_000 } as const;

/**
 * The volume histogram of a search over recorded or occurred time. A recorded-time histogram of
 * an indexed search counts up to HISTOGRAM_WINDOW positions from indexes; any other reads rows,
 * so it counts fewer (the histogram says which events it counted).
 */
export async function histogramSearch(
  db: Database,
  q: string,
  scope: TenantScope,
  time: "recorded" | "occurred",
): Promise<Histogram | null> {
  const nodes = parseQuery(q);
  const cheap = time === "recorded" && countsFromIndexes(nodes);
  const window = cheap ? HISTOGRAM_WINDOW[db.kind] : ROW_BY_ROW_WINDOW[db.kind];
  return countOverTime(db, { where: buildWhere(nodes), scope, time }, 60, window);
}
