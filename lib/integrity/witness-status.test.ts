import { expect, it } from "vitest";
import type { SignedTreeHead } from "../transparency/tree-head";
import { witnessStatusOf, witnessWarning } from "./witness-status";

const head = (seq: string, headHash = `${seq}`.padStart(64, "a")): SignedTreeHead => ({
  seq,
  treeSize: seq,
  rootHash: "ab".repeat(32),
  timestamp: "2026-11-27T00:00:00.000Z",
  keyId: "0123456789abcdef",
  prevHeadHash: null,
  signature: "c2ln",
  headHash,
});
const stored = [head("1"), head("2"), head("3")];
const witness = (heads: SignedTreeHead[], bad = 0) => ({ heads, bad });

it("tells a witness that holds the newest head from one that lacks it, holds nothing, or disagrees", () => {
  expect(witnessStatusOf(stored, witness(stored))).toBe("consistent");
  expect(witnessStatusOf(stored, witness([head("3")]))).toBe("consistent"); // lost, then witnessed again
  expect(witnessStatusOf(stored, witness([head("1"), head("2")]))).toBe("behind");
  expect(witnessStatusOf(stored, witness([]))).toBe("missing");
  expect(witnessStatusOf([], witness([]))).toBe("no_heads");
  expect(witnessStatusOf(stored, witness([head("4")]))).toBe("inconsistent");
  expect(witnessStatusOf(stored, witness([head("2", "f".repeat(64))]))).toBe("inconsistent");
  expect(witnessStatusOf(stored, witness([{ ...head("3"), rootHash: "cd".repeat(32) }]))).toBe("inconsistent");
  expect(witnessStatusOf(stored, witness(stored, 1))).toBe("inconsistent");
  expect(witnessStatusOf(stored, witness([], 1))).toBe("inconsistent");
});

it("warns for a missing witness and one behind, which are no fault, and for nothing else", () => {
  expect(witnessWarning("missing")).toMatch(/^The witness holds no tree heads while the database holds some/);
  expect(witnessWarning("missing")).toContain("TRAILBOOK_WITNESS_DIR");
  expect(witnessWarning("behind")).toMatch(/^The witness lacks the database's newest tree heads/);
  for (const status of ["consistent", "inconsistent", "no_heads", "not_checked"] as const) {
    expect(witnessWarning(status)).toBeUndefined();
  }
});
