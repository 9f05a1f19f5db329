import { UTC } from "./time-zone";
import { zonedClock } from "./zoned-clock";

const HALF_DAY = 12 * 3_600_000;

/**
 * A wall-clock time typed into a `datetime-local` input (`2026-01-01T14:42`, seconds optional)
 * read in `zone`, as a UTC time with `Z` at the same precision (`2026-01-01T13:42Z`). A value that
 * already names its zone is left alone. In an overlap (clocks fall back) it is the first of the
 * two instants; in a gap (clocks spring forward) it is read with the offset before the change.
 */
export function wallToUtc(wall: string, zone: string): string {
  if (/[zZ]|[+-]\d\d:\d\d$/.test(wall)) return wall;
  const asUtc = Date.parse(`${wall}Z`);
  if (zone === UTC || Number.isNaN(asUtc)) return `${wall}Z`;
  const offsetAt = (ms: number) => zonedClock(new Date(ms).toISOString(), zone).offset;
  // Offsets change at most once in a day: the ones half a day either side are the only candidates.
  const before = asUtc - offsetAt(asUtc - HALF_DAY) * 60_000;
  const after = asUtc - offsetAt(asUtc + HALF_DAY) * 60_000;
  const reads = (ms: number) => zonedClock(new Date(ms).toISOString(), zone).clock.startsWith(wall);
  const valid = [before, after].filter(reads);
  const instant = valid.length > 0 ? Math.min(...valid) : before;
  return `${new Date(instant).toISOString().slice(0, wall.length)}Z`;
}
