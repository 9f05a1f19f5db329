import { expect, it } from "vitest";
import { occurredSpanHint } from "./occurred-span-hint";

const span = (from: string, to: string, first: string, last: string) => ({ from, to, occurred: { first, last } });

it("points a result recorded in seconds but spread over weeks to its occurred days", () => {
  const seeded = span(
    "2026-02-01T09:00:00.000Z",
    "2026-02-01T09:00:04.200Z",
    "2026-01-02T08:00:00Z",
    "2026-02-01T08:59Z",
  );
  expect(occurredSpanHint(seeded)).toEqual({
    recorded: "5 s",
    occurred: "30 days",
    term: "occurred:2026-01-02..2026-02-01",
  });
  // Events need not arrive in the order they happened: the span is the same either way round.
  const reversed = span(seeded.from, seeded.to, seeded.occurred.last, seeded.occurred.first);
  expect(occurredSpanHint(reversed)?.term).toBe("occurred:2026-01-02..2026-02-01");
  const instant = span(
    "2026-02-01T09:00:00.000Z",
    "2026-02-01T09:00:00.060Z",
    "2026-02-01T06:00Z",
    "2026-02-01T09:00Z",
  );
  expect(occurredSpanHint(instant)).toMatchObject({ recorded: "1 s", occurred: "3 hours" });
});

it("says nothing when events occurred about when they were recorded, or over minutes only", () => {
  const live = span("2026-02-01T00:00:00Z", "2026-02-01T12:00:00Z", "2026-02-01T00:00:00Z", "2026-02-01T11:59:00Z");
  expect(occurredSpanHint(live)).toBeNull();
  const skewed = span("2026-02-01T00:00:00Z", "2026-02-01T00:00:01Z", "2026-02-01T00:00:00Z", "2026-02-01T00:40:00Z");
  expect(occurredSpanHint(skewed)).toBeNull();
  expect(occurredSpanHint({ from: live.from, to: live.to })).toBeNull(); // an occurred-time histogram
});
