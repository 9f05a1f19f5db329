"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTimeZone } from "@/components/ui/time-zone";
import { wallToUtc } from "@/lib/format/wall-to-utc";
import { routes } from "@/lib/routes";
import {
  onTimeField,
  type TimeField,
  timeFieldOf,
  timeTermOf,
  utcRangeTerm,
  withoutTime,
  withTime,
} from "@/lib/url-state/edit-query";
import styles from "./search.module.css";

/** Presets stay relative in the URL (`now-15m`): a shared or reloaded link means the last 15 minutes then. */
const PRESETS = [
  ["15 min", "recorded:>=now-15m"],
  ["1 hour", "recorded:>=now-1h"],
  ["24 hours", "recorded:>=now-24h"],
  ["7 days", "recorded:>=now-7d"],
  ["30 days", "recorded:>=now-30d"],
] as const;

const FIELDS: TimeField[] = ["recorded", "occurred"];

/**
 * Quick filters: time presets and an absolute range, on recorded (server) or occurred (client)
 * time. Each writes search-language terms into `q`, so the URL says which time is meant. The range
 * is typed in the reader's time-zone setting (its labels name it) and written to the URL as UTC.
 */
export function QuickFilters({ q }: { q: string }) {
  const router = useRouter();
  const current = timeTermOf(q);
  const field = timeFieldOf(q);
  const zone = useTimeZone();
  return (
    <section className={styles.filters} aria-label="Quick filters">
      <span className={styles.fields}>
        {FIELDS.map((option) => (
          <Link
            key={option}
            className={styles.chip}
            href={routes.events({ q: withTime(q, onTimeField(current ?? PRESETS[1][1], option)) })}
            aria-current={option === field ? "true" : undefined}
            title={option === "recorded" ? "Server time, when the event was stored" : "Client time, when it happened"}
          >
            {option === "recorded" ? "Recorded" : "Occurred"}
          </Link>
        ))}
      </span>
      <span>in the last</span>
      {PRESETS.map(([label, recorded]) => {
        const term = onTimeField(recorded, field);
        return (
          <Link
            key={label}
            className={styles.chip}
            href={routes.events({ q: withTime(q, term) })}
            aria-current={current === term ? "true" : undefined}
          >
            {label}
          </Link>
        );
      })}
      {current !== undefined && (
        <Link className={styles.chip} href={routes.events({ q: withoutTime(q) })}>
          any time
        </Link>
      )}
      <form
        className={styles.range}
        aria-label={`${field === "recorded" ? "Recorded" : "Occurred"} between (${zone})`}
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const from = String(form.get("from") ?? "");
          const to = String(form.get("to") ?? "");
          if (!from || !to) return;
          router.push(
            routes.events({ q: withTime(q, utcRangeTerm(wallToUtc(from, zone), wallToUtc(to, zone), field)) }),
          );
        }}
      >
        <label>
          from ({zone}) <input type="datetime-local" name="from" step="1" required />
        </label>
        <label>
          to ({zone}) <input type="datetime-local" name="to" step="1" required />
        </label>
        <button type="submit">Apply range</button>
      </form>
    </section>
  );
}
