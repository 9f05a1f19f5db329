import type { Facets } from "../store/count-facets";

/**
 * What the facet counts are over: every matching event, or (on a long log, within the time budget)
 * a sample, labelled "Approximate" and saying which events it counted.
 */
export function facetCountsNote({ exact, counted, window }: Pick<Facets, "exact" | "counted" | "window">): string {
  return exact
    ? `Counts of all ${counted.toLocaleString("en")} matching events.`
    : `Approximate: counts of the newest ${counted.toLocaleString("en")} matching events ` +
        `among the newest ${window.toLocaleString("en")} recorded.`;
}
