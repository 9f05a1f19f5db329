import Link from "next/link";
import { getDatabase } from "@/lib/db/get-database";
import { occurredSpanHint } from "@/lib/format/occurred-span-hint";
import { histogramSearch } from "@/lib/query/histogram-search";
import { routes } from "@/lib/routes";
import type { TenantScope } from "@/lib/store/tenant-scope";
import { timeFieldOf, withTime } from "@/lib/url-state/edit-query";
import styles from "./histogram.module.css";
import { HistogramChart } from "./histogram-chart";

/**
 * Server part of the histogram: counts in the database, renders the interactive chart. Its time
 * axis is the one the search filters on: occurred time when it has an `occurred:` term, else
 * recorded time. A result recorded in a moment but spread over a long occurred time (the demo
 * seed, a backfill) charts as one spike there, so it says so and links to the occurred view.
 */
export async function VolumeHistogram({ q, scope }: { q: string; scope: TenantScope }) {
  const time = timeFieldOf(q);
  const histogram = await histogramSearch(await getDatabase(), q, scope, time).catch(() => null);
  if (!histogram) return <p className={styles.empty}>No matching events to chart.</p>;
  const examined = histogram.window.toLocaleString("en");
  const hint = occurredSpanHint(histogram);
  return (
    <>
      <HistogramChart histogram={histogram} q={q} time={time} />
      {hint && (
        <p role="note" className={styles.hint}>
          These events were recorded within {hint.recorded} but occurred over {hint.occurred}:{" "}
          <Link href={routes.events({ q: withTime(q, hint.term) })}>show by occurred time</Link>
        </p>
      )}
      {histogram.after && (
        // Bounded work on a long log (count-over-time.ts): say which events the bars count.
        <p className={styles.empty}>
          Counts matching events after position {histogram.after} only (within {examined} positions of the last match);
          narrow the search to an older time range to count older events.
        </p>
      )}
    </>
  );
}

export function HistogramPlaceholder() {
  return <div className={styles.bars} role="status" aria-busy="true" aria-label="Loading the volume chart" />;
}
