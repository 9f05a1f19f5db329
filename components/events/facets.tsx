import { getDatabase } from "@/lib/db/get-database";
import { facetSearch } from "@/lib/query/facet-search";
import type { TenantScope } from "@/lib/store/tenant-scope";
import { FacetList } from "./facet-list";
import styles from "./facets.module.css";

/** Server part of the facets: counts the current search's events (bounded), renders the lists. */
export async function Facets({ q, scope }: { q: string; scope: TenantScope }) {
  const facets = await facetSearch(await getDatabase(), q, scope).catch(() => null);
  if (!facets) return <p className={styles.note}>Facets are not available for this search.</p>;
  return <FacetList facets={facets} q={q} />;
}

export function FacetsPlaceholder() {
  return <div className={styles.facets} role="status" aria-busy="true" aria-label="Counting facets" />;
}
