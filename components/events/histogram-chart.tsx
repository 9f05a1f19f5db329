"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { routes } from "@/lib/routes";
import type { Histogram } from "@/lib/store/count-over-time";
import styles from "./histogram.module.css";

/**
 * Volume of the matching events over time. Click a bar, or drag across bars, to narrow the search
 * to that time range (it replaces any `recorded:` term). Bars are buttons, so keyboards can zoom too.
 */
export function HistogramChart({ histogram, q }: { histogram: Histogram; q: string }) {
  const router = useRouter();
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const dragging = useRef(false);
  const max = Math.max(1, ...histogram.buckets.map((bucket) => bucket.count));
  const total = histogram.buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  const zoom = (a: number, b: number) => {
    const first = histogram.buckets[Math.min(a, b)]!;
    const last = histogram.buckets[Math.max(a, b)]!;
    const end = new Date(new Date(last.to).getTime() - 1).toISOString();
    const rest = q
      .replace(/(^|\s)-?recorded:\S+/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    router.push(routes.events({ q: `${rest} recorded:${first.from}..${end}`.trim() }));
  };
  const selected = (i: number) =>
    drag !== null && i >= Math.min(drag.from, drag.to) && i <= Math.max(drag.from, drag.to);
  return (
    <figure className={styles.figure} aria-label="Matching events over time">
      <fieldset
        className={styles.bars}
        aria-label="Bars: click one, or drag across several, to zoom in"
        onMouseLeave={() => {
          dragging.current = false;
          setDrag(null);
        }}
        onMouseUp={() => {
          if (dragging.current && drag) zoom(drag.from, drag.to);
          dragging.current = false;
        }}
      >
        {histogram.buckets.map((bucket, i) => (
          <button
            key={bucket.from}
            type="button"
            className={`${styles.bar} ${selected(i) ? styles.selected : ""}`}
            title={`${bucket.count} events, ${bucket.from} – ${bucket.to}`}
            aria-label={`${bucket.count} events from ${bucket.from} to ${bucket.to}`}
            onMouseDown={(event) => {
              event.preventDefault();
              dragging.current = true;
              setDrag({ from: i, to: i });
            }}
            onMouseEnter={() => dragging.current && setDrag((d) => (d ? { ...d, to: i } : d))}
            onKeyDown={(event) => (event.key === "Enter" || event.key === " ") && zoom(i, i)}
          >
            <span
              className={styles.fill}
              style={{ height: `${bucket.count === 0 ? 0 : Math.max(4, (bucket.count / max) * 100)}%` }}
            />
          </button>
        ))}
      </fieldset>
      <figcaption className={styles.caption}>
        <span>{histogram.from.slice(0, 16).replace("T", " ")} UTC</span>
        <span>{total.toLocaleString("en")} matching events · drag to zoom</span>
        <span>{histogram.to.slice(0, 16).replace("T", " ")} UTC</span>
      </figcaption>
    </figure>
  );
}
