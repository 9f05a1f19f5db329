import { describe, expect, it } from "vitest";
import { DEMO_SPAN_MS, demoTimeline } from "./demo-timeline";

describe("demoTimeline", () => {
  const endAt = new Date("2026-06-01T00:00:00Z"); // a Monday
  const count = 100_000;
  const at = demoTimeline(count, endAt);
  const times = Array.from({ length: count }, (_, i) => at(i + 1));

  it("fills the 30 days before the end, in order", () => {
    expect(times[0]).toBeGreaterThanOrEqual(endAt.getTime() - DEMO_SPAN_MS);
    expect(times.at(-1)).toBeLessThan(endAt.getTime());
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    expect(at(0)).toBe(times[0]);
    expect(at(count + 5)).toBe(times.at(-1));
  });

  it("has a daily and a weekly rhythm and a few bursts", () => {
    const byHour = new Array(24).fill(0);
    const byDay = new Array(7).fill(0);
    const perHour = new Map<number, number>();
    for (const t of times) {
      const d = new Date(t);
      byHour[d.getUTCHours()]++;
      byDay[d.getUTCDay()]++;
      perHour.set(Math.floor(t / 3_600_000), (perHour.get(Math.floor(t / 3_600_000)) ?? 0) + 1);
    }
    expect(byHour[11]).toBeGreaterThan(byHour[3] * 5);
    expect(byDay[3]).toBeGreaterThan(byDay[0] * 2);
    const sorted = [...perHour.values()].sort((a, b) => b - a);
    expect(sorted[0]).toBeGreaterThan(sorted[Math.floor(sorted.length / 10)]! * 3); // incidents stand out
  });

  it("is deterministic", () => {
    expect(demoTimeline(count, endAt)(4242)).toBe(times[4241]);
  });
});
