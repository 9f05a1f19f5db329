import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../seed/random";
import { canonicalJson } from "./canonical-json";

/** Random JSON with the awkward parts: unicode keys, escapes, -0, exponents, deep nesting. */
function randomJson(random: SeededRandom, depth: number): unknown {
  const pick = random.int(depth > 3 ? 5 : 8);
  const strings = [
    "",
    "a",
    "é",
    "😀",
    "\u2028",
    '"quoted"',
    "back\\slash",
    "\u0001",
    "z",
    "Z",
    "aa",
    "\ud83d\ude00x",
    "10",
    "€",
  ];
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return [0, -0, 1, -1.5, 1e21, 1e-7, 123456789.125, 2 ** 53, Number.MIN_VALUE, random.next() * 1e6][
        random.int(10)
      ];
    case 3:
    case 4:
      return random.pick(strings) + random.pick(strings);
    case 5:
      return Array.from({ length: random.int(4) }, () => randomJson(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(5) }, () => [
          random.pick(strings) + random.pick(strings),
          randomJson(random, depth + 1),
        ]),
      );
  }
}

describe("canonicalJson", () => {
  it("writes exactly what the canonicalize package (RFC 8785) writes", () => {
    const random = new SeededRandom(2026);
    for (let i = 0; i < 5000; i++) {
      const value = randomJson(random, 0);
      expect(canonicalJson(value)).toBe(canonicalize(value));
    }
  });

  it("sorts keys by UTF-16 code units and keeps an own __proto__ key", () => {
    expect(canonicalJson(JSON.parse('{"b":1,"a":{"é":1,"e":2,"€":3,"😀":4},"__proto__":0}'))).toBe(
      '{"__proto__":0,"a":{"e":2,"é":1,"€":3,"😀":4},"b":1}',
    ); // € (U+20AC) sorts before the surrogate pair of 😀
  });
});
