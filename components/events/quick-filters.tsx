"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { routes } from "@/lib/routes";
import styles from "./search.module.css";

const PRESETS = [
  ["15 min", 15 * 60_000],
  ["1 hour", 3_600_000],
  ["24 hours", 86_400_000],
  ["7 days", 7 * 86_400_000],
] as const;

/** Drops `recorded:` terms, so a new time filter replaces the old one. */
function withoutTime(q: string): string {
  return q
    .replace(/(^|\s)-?recorded:\S+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function withTime(q: string, term: string): string {
  return `${withoutTime(q)} ${term}`.trim();
}

/** Quick filters: time presets and an absolute range. Each writes search-language terms into `q`. */
export function QuickFilters({ q, now }: { q: string; now: number }) {
  const router = useRouter();
  return (
    <section className={styles.filters} aria-label="Quick filters">
      <span>Recorded in the last</span>
      {PRESETS.map(([label, ms]) => (
        <Link
          key={label}
          className={styles.chip}
          href={routes.events({ q: withTime(q, `recorded:>=${new Date(now - ms).toISOString()}`) })}
        >
          {label}
        </Link>
      ))}
      {withoutTime(q) !== q.trim() && (
        <Link className={styles.chip} href={routes.events({ q: withoutTime(q) })}>
          any time
        </Link>
      )}
      <form
        className={styles.range}
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const from = String(form.get("from") ?? "");
          const to = String(form.get("to") ?? "");
          if (!from || !to) return;
          const iso = (local: string) => new Date(local).toISOString();
          router.push(routes.events({ q: withTime(q, `recorded:${iso(from)}..${iso(to)}`) }));
        }}
      >
        <label>
          from <input type="datetime-local" name="from" step="1" required />
        </label>
        <label>
          to <input type="datetime-local" name="to" step="1" required />
        </label>
        <button type="submit">Apply range</button>
      </form>
    </section>
  );
}
