import fc from "fast-check";

/** Tree sizes at the edges of the power-of-two splits, made frequent by {@link treeCase}. */
const EDGES = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 300];

/** A tree of n leaves (1..300) from a seed, with raw numbers for picking an index and an old size. */
export const treeCase = fc.record({
  seed: fc.integer(),
  n: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.constantFrom(...EDGES)),
  i: fc.nat(),
  m: fc.nat(),
});

/** The index (0 ≤ index < n) or old size (1 ≤ m ≤ n) a case exercises, with the boundaries made frequent. */
export const pick = (raw: number, n: number, low: number): number =>
  [low, n - 1 + low, (raw % n) + low][raw % 3] ?? low;
