"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { facetCountsNote } from "@/lib/format/facet-counts-note";
import { routes } from "@/lib/routes";
import type { FacetField, Facets, FacetValue } from "@/lib/store/count-facets";
import { revealControls } from "@/lib/text/reveal-controls";
import { addTerm } from "@/lib/url-state/edit-query";
import styles from "./facets.module.css";

const TITLES: Record<FacetField, string> = {
  type: "Type",
  actor: "Actor",
  tenant: "Tenant",
  category: "Stream category",
};

/** The search term that selects a facet value: a category is the streams named `<category>-…`. */
function termOf(field: FacetField, value: FacetValue): string {
  if (field === "category") return routes.term("stream", value.dashed ? `${value.value}-*` : value.value);
  return routes.term(field, value.value);
}

/**
 * Facet lists for the current search. A value's link adds `field:value`; Alt+click (or the − link
 * beside it, for keyboards) adds `-field:value` instead. Counts say whether they are exact or
 * over a sample, and which.
 */
export function FacetList({ facets, q }: { facets: Facets; q: string }) {
  const router = useRouter();
  const fields = (Object.keys(TITLES) as FacetField[]).filter((field) => facets.values[field].length > 0);
  if (facets.counted === 0) return null; // the results say there is nothing; no empty lists beside them
  return (
    <nav className={styles.facets} aria-label="Facets">
      <p className={styles.note}>{facetCountsNote(facets)} Alt+click excludes.</p>
      {fields.map((field) => (
        <section key={field} aria-label={TITLES[field]}>
          <h2 className={styles.title}>{TITLES[field]}</h2>
          <ul className={styles.list}>
            {facets.values[field].map((value) => {
              const term = termOf(field, value);
              const exclude = routes.events({ q: addTerm(q, `-${term}`) });
              return (
                <li key={value.value}>
                  <Link
                    href={routes.events({ q: addTerm(q, term) })}
                    className={styles.value}
                    title={`${term} (Alt+click: -${term})`}
                    onClick={(event) => {
                      if (!event.altKey) return;
                      event.preventDefault();
                      router.push(exclude);
                    }}
                  >
                    <bdi className={styles.name}>{revealControls(value.label ?? value.value)}</bdi>
                    <span className={styles.count}>{value.count.toLocaleString("en")}</span>
                  </Link>
                  <Link href={exclude} className={styles.exclude} aria-label={`Exclude ${term}`} title={`-${term}`}>
                    −
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
