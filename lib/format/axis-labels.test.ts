import { describe, expect, it } from "vitest";
import { axisLabels } from "./axis-labels";

describe("axisLabels", () => {
  it("tells a few seconds apart by the second, with the date once", () => {
    expect(axisLabels("2026-09-01T13:42:00.000Z", "2026-09-01T13:42:08.000Z")).toEqual([
      "2026-09-01 13:42:00",
      "13:42:02",
      "13:42:04",
      "13:42:06",
      "13:42:08",
    ]);
  });

  it("uses minutes for hours, days for a month, and dates when a span crosses midnight", () => {
    expect(axisLabels("2026-09-01T10:00:00.000Z", "2026-09-01T14:00:00.000Z")).toEqual([
      "2026-09-01 10:00",
      "11:00",
      "12:00",
      "13:00",
      "14:00",
    ]);
    expect(axisLabels("2026-09-01T00:00:00.000Z", "2026-09-29T00:00:00.000Z")).toEqual([
      "2026-09-01",
      "2026-09-08",
      "2026-09-15",
      "2026-09-22",
      "2026-09-29",
    ]);
    expect(axisLabels("2026-09-01T22:00:00.000Z", "2026-09-02T02:00:00.000Z", 3)).toEqual([
      "2026-09-01 22:00",
      "2026-09-02 00:00",
      "2026-09-02 02:00",
    ]);
  });

  it("never gives two ticks the same label, down to the millisecond", () => {
    const labels = axisLabels("2026-09-01T13:42:00.000Z", "2026-09-01T13:42:00.004Z");
    expect(new Set(labels).size).toBe(5);
    expect(labels[0]).toBe("2026-09-01 13:42:00.000");
    expect(axisLabels("2026-09-01T13:42:00.000Z", "2026-09-01T13:42:00.000Z", 1)).toEqual(["2026-09-01"]);
  });
});
