"use client";

import { useTimeZone } from "@/components/ui/time-zone";

/**
 * "Jump to" a time in the log, typed in the reader's time-zone setting. A plain GET form (works
 * before hydration): the zone travels with the time as `tz`, so the page reads `at` in the zone the
 * label named, and a shared link means the same instant to everyone.
 */
export function JumpToTime({ q }: { q: string }) {
  const zone = useTimeZone();
  return (
    <form action="/" method="get">
      <input type="hidden" name="q" value={q} />
      <input type="hidden" name="tz" value={zone} />
      <label>
        Jump to <input type="datetime-local" name="at" step="1" required aria-label={`Jump to time (${zone})`} /> {zone}
      </label>
      <button type="submit">Go</button>
    </form>
  );
}
