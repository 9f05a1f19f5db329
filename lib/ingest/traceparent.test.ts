import { expect, it } from "vitest";
import { parseTraceparent } from "./traceparent";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT = "00f067aa0ba902b7";

// Cases from the W3C Trace Context specification (Level 1 §3.2 and §4.3, "Versioning of
// traceparent"), the rules its test suite checks: what a receiver must accept, and what it must
// ignore as if the header were absent.
it("accepts version 00 exactly as specified", () => {
  expect(parseTraceparent(`00-${TRACE}-${PARENT}-01`)).toEqual({ traceId: TRACE, parentId: PARENT, flags: "01" });
  expect(parseTraceparent(`00-${TRACE}-${PARENT}-00`)?.flags).toBe("00");
  expect(parseTraceparent(`00-${TRACE}-${PARENT}-09`)?.flags).toBe("09"); // unknown flags are kept, not refused
  expect(parseTraceparent(`  00-${TRACE}-${PARENT}-01\t`)?.traceId).toBe(TRACE); // optional whitespace
});

it("accepts a future version, read as version 00, with more fields after a dash", () => {
  expect(parseTraceparent(`cc-${TRACE}-${PARENT}-01`)?.traceId).toBe(TRACE);
  expect(parseTraceparent(`cc-${TRACE}-${PARENT}-01-what-the-future-will-be-like`)?.parentId).toBe(PARENT);
  expect(parseTraceparent(`01-${TRACE}-${PARENT}-01-`)?.flags).toBe("01");
});

it("ignores what the specification says to ignore", () => {
  for (const value of [
    `ff-${TRACE}-${PARENT}-01`, // version ff is invalid
    `00-${TRACE.toUpperCase()}-${PARENT}-01`, // uppercase hex
    `00-${TRACE}-${PARENT.toUpperCase()}-01`,
    `0A-${TRACE}-${PARENT}-01`,
    `00-${"0".repeat(32)}-${PARENT}-01`, // all-zero trace-id
    `00-${TRACE}-${"0".repeat(16)}-01`, // all-zero parent-id
    `00-${TRACE}-${PARENT}-01-extra`, // version 00 has exactly four fields
    `00-${TRACE}-${PARENT}-1`,
    `00-${TRACE.slice(1)}-${PARENT}-01`,
    `00-${TRACE}-${PARENT}0-01`,
    `cc-${TRACE}-${PARENT}-01.more`, // after the flags of a future version: a dash or nothing
    `cc-${TRACE}-${PARENT}-0`,
    `00-${TRACE}-${PARENT}-01, 00-${TRACE}-${PARENT}-01`, // two headers joined
    `00_${TRACE}_${PARENT}_01`,
    `00-${TRACE.replace("4", "g")}-${PARENT}-01`,
    "",
  ]) {
    expect(parseTraceparent(value), value).toBeNull();
  }
  expect(parseTraceparent(null)).toBeNull();
});
