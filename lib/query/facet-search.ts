import "server-only";
import type { Database } from "../db/database";
import { countFacets, type Facets } from "../store/count-facets";
import type { TenantScope } from "../store/tenant-scope";
import { searchConditions } from "./build-where";

/**
 * Facets of a search: its matching events counted by type, actor, tenant and stream category,
 * over a bounded sample on large logs (count-facets.ts says which, and `exact` says whether).
 * A tenant-bound scope sees one tenant, so its tenant facet is left empty.
 */
export async function facetSearch(db: Database, q: string, scope: TenantScope): Promise<Facets> {
  const facets = await countFacets(db, { where: searchConditions(q), scope });
  return scope === "all-tenants" ? facets : { ...facets, values: { ...facets.values, tenant: [] } };
}
