import { describe, expect, it } from "vitest";
import { MAX_RETRY_DELAY_MS, retryDelayMs } from "./retry-delay";

describe("retryDelayMs", () => {
  it("doubles from the base per failure, jittered into the upper half of each step", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelayMs(3, 1_000, () => 0.5)).toBe(3_000);
  });

  it("never waits more than an hour, nor less than half of one once capped", () => {
    expect(MAX_RETRY_DELAY_MS).toBe(3_600_000);
    expect(retryDelayMs(40, 1_000, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(40, 1_000, () => 0)).toBe(1_800_000);
  });

  it("treats attempt 0 as the first", () => {
    expect(retryDelayMs(0, 800, () => 1)).toBe(800);
  });
});
