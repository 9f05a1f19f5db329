import "server-only";
import type { Database } from "../db/database";
import { listStreamPrefixes } from "../store/list-stream-prefixes";
import { listValuesStartingWith } from "../store/list-values-starting-with";
import type { TenantScope } from "../store/tenant-scope";
import type { SuggestedField } from "./suggest-terms";

/**
 * How many values one lookup returns. More than the box shows (8), so that a short prefix's answer
 * is more often complete and the box can narrow it as the reader types, without asking again.
 */
export const SUGGESTION_LIMIT = 20;

export interface FieldValues {
  /** Values as the search term takes them: a stream prefix ends in `*` (`Order-*`). */
  values: string[];
  /** Every value starting with the prefix is here: a longer prefix needs no new lookup. */
  complete: boolean;
}

/**
 * The values of `field` within the scope that start with `prefix`, from the whole log and
 * whatever the current search: types, actor ids and tenants exactly, streams segment by segment
 * (see the store verbs for what each costs and, for a tenant's streams, what it may miss).
 */
export async function suggestFieldValues(
  db: Database,
  scope: TenantScope,
  field: SuggestedField,
  prefix: string,
  limit = SUGGESTION_LIMIT,
): Promise<FieldValues> {
  if (field !== "stream") return listValuesStartingWith(db, scope, { field, prefix, limit });
  const { values, complete } = await listStreamPrefixes(db, scope, { prefix, limit });
  return { values: values.map((stream) => (stream.prefix ? `${stream.value}*` : stream.value)), complete };
}
