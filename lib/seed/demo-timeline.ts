/** The demo data covers this much time, ending at the seed's `endAt`. */
export const DEMO_SPAN_MS = 30 * 86_400_000;
const HOUR_MS = 3_600_000;

/** Relative traffic by UTC hour of day: quiet nights, a working-day plateau, an evening tail. */
const BY_HOUR = [1, 1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 9, 10, 10, 10, 9, 8, 6, 5, 4, 3, 2, 1];
/** Weekends (Saturday, Sunday) carry about a third of a weekday's traffic. */
const WEEKEND = 0.35;
/** A few incidents: bursts of traffic, by hour from the start of the span, and how much above normal. */
const INCIDENTS = [
  { hour: 5 * 24 + 14, hours: 2, factor: 8 },
  { hour: 16 * 24 + 3, hours: 1, factor: 12 },
  { hour: 25 * 24 + 10, hours: 3, factor: 5 },
];

/**
 * When the demo's `n`th event (1-based, of `count`) happened: the 30 days before `endAt` filled
 * with a daily and weekly rhythm and a few incidents. Deterministic and non-decreasing in `n`
 * (events are generated in the order they happened), and it draws no random numbers, so the
 * events' ids and contents do not depend on the time the seed ran.
 */
export function demoTimeline(count: number, endAt: Date): (n: number) => number {
  const start = endAt.getTime() - DEMO_SPAN_MS;
  const hours = DEMO_SPAN_MS / HOUR_MS;
  const cumulative: number[] = [];
  let total = 0;
  for (let h = 0; h < hours; h++) {
    const at = new Date(start + h * HOUR_MS);
    const weekend = at.getUTCDay() === 0 || at.getUTCDay() === 6 ? WEEKEND : 1;
    const incident = INCIDENTS.find((i) => h >= i.hour && h < i.hour + i.hours)?.factor ?? 1;
    total += BY_HOUR[at.getUTCHours()]! * weekend * incident;
    cumulative.push(total);
  }
  return (n) => {
    const target = ((Math.min(Math.max(n, 1), count) - 0.5) / count) * total;
    let lo = 0;
    let hi = hours - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    const before = lo === 0 ? 0 : cumulative[lo - 1]!;
    const within = (target - before) / (cumulative[lo]! - before);
    return Math.floor(start + (lo + within) * HOUR_MS);
  };
}
