const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago `iso` was at `now` (ms), coarsely: "just now" under a minute, then minutes, hours
 * and days; a time in the future (a client clock ahead of ours) reads "in 3 min". Beyond 30 days
 * it is `null`: the caller shows the date instead. Coarse on purpose: the exact time is on hover,
 * and text that changes every second would be noise.
 */
export function relativeTime(iso: string, now: number): string | null {
  const diff = now - Date.parse(iso);
  const abs = Math.abs(diff);
  if (abs < MINUTE) return "just now";
  if (abs >= 30 * DAY) return null;
  const [count, unit] =
    abs < HOUR
      ? [Math.floor(abs / MINUTE), "min"]
      : abs < DAY
        ? [Math.floor(abs / HOUR), "h"]
        : [Math.floor(abs / DAY), "d"];
  return diff > 0 ? `${count} ${unit} ago` : `in ${count} ${unit}`;
}
