"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useTimeZone } from "@/components/ui/time-zone";
import { axisLabels } from "@/lib/format/axis-labels";
import { zonedClock } from "@/lib/format/zoned-clock";
import { routes } from "@/lib/routes";
import type { Histogram } from "@/lib/store/count-over-time";
import { type TimeField, withTime } from "@/lib/url-state/edit-query";
import styles from "./histogram.module.css";
import { useLiveEvents } from "./live-bus";

/** A bucket edge as the reader's wall clock shows it, to the second (buckets are never finer). */
const stamp = (iso: string, zone: string) => zonedClock(iso, zone).clock.replace("T", " ").slice(0, 19);

/** A histogram with events from the live tail counted in; buckets are added past the end as time goes on. */
function withLive(histogram: Histogram, recordedAt: string[]): Histogram {
  const buckets = [...histogram.buckets];
  const start = Date.parse(histogram.from);
  const width = Date.parse(buckets[0]!.to) - start;
  for (const at of recordedAt) {
    const i = Math.floor((Date.parse(at) - start) / width);
    if (i < 0) continue;
    while (buckets.length <= i) {
      const from = Date.parse(buckets.at(-1)!.to);
      buckets.push({ from: new Date(from).toISOString(), to: new Date(from + width).toISOString(), count: 0 });
    }
    buckets[i] = { ...buckets[i]!, count: buckets[i]!.count + 1 };
  }
  return { ...histogram, to: buckets.at(-1)!.to, buckets };
}

/**
 * Volume of the matching events over recorded or occurred time, labelled in the reader's time-zone
 * setting (buckets are counted in UTC; zooming writes UTC terms). Click a bar, or drag across
 * bars, to narrow the search to that time range (it replaces any time term). The bars are one tab stop: arrow
 * keys move between them and Enter zooms, so the keyboard reaches the table in a few presses.
 * Events from the live tail are counted in as they arrive.
 */
export function HistogramChart({ histogram: initial, q, time }: { histogram: Histogram; q: string; time: TimeField }) {
  const router = useRouter();
  const zone = useTimeZone();
  // Keyed by position: a reconnecting tail that sends an event again does not count it twice.
  const [live, setLive] = useState<ReadonlyMap<string, string>>(new Map());
  useLiveEvents((events) =>
    setLive(
      (seen) =>
        new Map([
          ...seen,
          ...events.map(
            (event) => [event.position, time === "occurred" ? event.occurredAt : event.recordedAt] as const,
          ),
        ]),
    ),
  );
  const histogram = live.size > 0 ? withLive(initial, [...live.values()]) : initial;
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const [focus, setFocus] = useState(histogram.buckets.length - 1);
  const dragging = useRef(false);
  const bars = useRef<(HTMLButtonElement | null)[]>([]);
  const max = Math.max(1, ...histogram.buckets.map((bucket) => bucket.count));
  const total = histogram.buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  const zoom = (a: number, b: number) => {
    const first = histogram.buckets[Math.min(a, b)]!;
    const last = histogram.buckets[Math.max(a, b)]!;
    const end = new Date(new Date(last.to).getTime() - 1).toISOString();
    router.push(routes.events({ q: withTime(q, `${time}:${first.from}..${end}`) }));
  };
  const move = (to: number) => {
    const i = Math.max(0, Math.min(histogram.buckets.length - 1, to));
    setFocus(i);
    bars.current[i]?.focus();
  };
  const selected = (i: number) =>
    drag !== null && i >= Math.min(drag.from, drag.to) && i <= Math.max(drag.from, drag.to);
  return (
    <figure className={styles.figure} aria-label="Matching events over time" data-time={time}>
      <fieldset
        className={styles.bars}
        aria-label="Bars: click one, or drag across several, to zoom in; arrow keys move between them"
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
            ref={(element) => {
              bars.current[i] = element;
            }}
            type="button"
            tabIndex={i === Math.min(focus, histogram.buckets.length - 1) ? 0 : -1}
            className={`${styles.bar} ${selected(i) ? styles.selected : ""}`}
            title={`${bucket.count} events, ${stamp(bucket.from, zone)} – ${stamp(bucket.to, zone)} ${zone}`}
            aria-label={`${bucket.count} events from ${stamp(bucket.from, zone)} to ${stamp(bucket.to, zone)} ${zone}`}
            onMouseDown={(event) => {
              event.preventDefault();
              dragging.current = true;
              setDrag({ from: i, to: i });
            }}
            onMouseEnter={() => dragging.current && setDrag((d) => (d ? { ...d, to: i } : d))}
            onKeyDown={(event) => {
              const step = { ArrowLeft: -1, ArrowRight: 1, Home: -i, End: histogram.buckets.length }[event.key];
              if (step !== undefined) {
                event.preventDefault();
                move(i + step);
              } else if (event.key === "Enter" || event.key === " ") zoom(i, i);
            }}
          >
            <span
              className={styles.fill}
              style={{ height: `${bucket.count === 0 ? 0 : Math.max(4, (bucket.count / max) * 100)}%` }}
            />
          </button>
        ))}
      </fieldset>
      <div className={styles.axis} aria-hidden="true">
        {axisLabels(histogram.from, histogram.to, 5, zone).map((label, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: ticks are positional; two never share a label
          <span key={i}>{label}</span>
        ))}
      </div>
      <figcaption className={styles.caption}>
        <span data-testid="match-count">
          {total.toLocaleString("en")} matching events
          {live.size > 0 && ` (${live.size.toLocaleString("en")} live)`}
        </span>
        <span>
          {`${stamp(histogram.from, zone)} – ${stamp(histogram.to, zone)} ${zone}, ${time} time · drag to zoom`}
        </span>
      </figcaption>
    </figure>
  );
}
