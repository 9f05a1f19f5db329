import { describe, expect, it } from "vitest";
import { axisLabels } from "./axis-labels";
import { relativeTime } from "./relative-time";
import { parseTimeZone } from "./time-zone";
import { wallToUtc } from "./wall-to-utc";
import { offsetText, zonedClock } from "./zoned-clock";

describe("parseTimeZone", () => {
  it("keeps IANA zones and falls back to UTC for anything else", () => {
    expect(parseTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(parseTimeZone("UTC")).toBe("UTC");
    expect(parseTimeZone("Etc/UTC")).toBe("UTC");
    expect(parseTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(parseTimeZone(undefined)).toBe("UTC");
    expect(parseTimeZone("Mars/Olympus")).toBe("UTC");
    expect(parseTimeZone("<script>")).toBe("UTC");
  });
});

describe("zonedClock", () => {
  it("is the stored text in UTC and the wall clock elsewhere, with the offset then", () => {
    expect(zonedClock("2026-01-01T13:42:05.123Z", "UTC")).toEqual({ clock: "2026-01-01T13:42:05.123", offset: 0 });
    expect(zonedClock("2026-01-01T13:42:05.123Z", "Europe/Berlin")).toEqual({
      clock: "2026-01-01T14:42:05.123",
      offset: 60,
    });
    expect(zonedClock("2026-07-01T23:30:00.000Z", "Europe/Berlin").clock).toBe("2026-07-02T01:30:00.000");
    expect(zonedClock("2026-01-01T00:00:00.000Z", "Asia/Kolkata").offset).toBe(330);
    expect(offsetText(330)).toBe("+05:30");
    expect(offsetText(-210)).toBe("-03:30");
  });
});

describe("wallToUtc", () => {
  it("reads a datetime-local value in the zone in force, keeping its precision", () => {
    expect(wallToUtc("2026-01-01T14:42", "UTC")).toBe("2026-01-01T14:42Z");
    expect(wallToUtc("2026-01-01T14:42", "Europe/Berlin")).toBe("2026-01-01T13:42Z");
    expect(wallToUtc("2026-07-01T14:42:05", "Europe/Berlin")).toBe("2026-07-01T12:42:05Z");
    expect(wallToUtc("2026-01-01T05:30", "Asia/Kolkata")).toBe("2026-01-01T00:00Z");
    expect(wallToUtc("2026-01-01T14:42Z", "Europe/Berlin")).toBe("2026-01-01T14:42Z");
  });

  it("takes the first instant in an overlap and the offset before a gap", () => {
    // Berlin 2026-10-25: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice.
    expect(wallToUtc("2026-10-25T02:30", "Europe/Berlin")).toBe("2026-10-25T00:30Z");
    // Berlin 2026-03-29: 02:00 CET springs forward to 03:00 CEST, so 02:30 never happens.
    expect(wallToUtc("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T01:30Z");
  });
});

describe("relativeTime", () => {
  const now = Date.parse("2026-06-15T12:00:00.000Z");
  it("is coarse: just now, minutes, hours, days, then nothing (the caller shows the date)", () => {
    expect(relativeTime("2026-06-15T11:59:30.000Z", now)).toBe("just now");
    expect(relativeTime("2026-06-15T11:57:00.000Z", now)).toBe("3 min ago");
    expect(relativeTime("2026-06-15T07:00:00.000Z", now)).toBe("5 h ago");
    expect(relativeTime("2026-06-13T12:00:00.000Z", now)).toBe("2 d ago");
    expect(relativeTime("2026-06-15T12:10:00.000Z", now)).toBe("in 10 min");
    expect(relativeTime("2026-04-01T12:00:00.000Z", now)).toBeNull();
  });
});

describe("axisLabels in a zone", () => {
  it("reads the zone's wall clock, so a Berlin reader sees Berlin hours", () => {
    expect(axisLabels("2026-09-01T10:00:00.000Z", "2026-09-01T14:00:00.000Z", 3, "Europe/Berlin")).toEqual([
      "2026-09-01 12:00",
      "14:00",
      "16:00",
    ]);
  });
});
