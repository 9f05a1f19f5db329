import { countOverTime } from "@/lib/query/count-over-time";
import { getDatabase } from "@/lib/db/get-database";
import { HistogramChart } from "./histogram-chart";
import styles from "./histogram.module.css";

/** Server part of the histogram: counts in the database, renders the interactive chart. */
export async function VolumeHistogram({ q, tenant }: { q: string; tenant: string | null }) {
  const histogram = await countOverTime(await getDatabase(), q, tenant).catch(() => null);
  if (!histogram) return <p className={styles.empty}>No matching events to chart.</p>;
  return <HistogramChart histogram={histogram} q={q} />;
}

export function HistogramPlaceholder() {
  return <div className={styles.bars} aria-busy="true" aria-label="Loading the volume chart" />;
}
