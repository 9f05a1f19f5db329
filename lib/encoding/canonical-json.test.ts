import canonicalize from "canonicalize";
import { describe, expect, it, vi } from "vitest";
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

  it("writes values already in key order, and parsed ones, exactly as the reference does", () => {
    const random = new SeededRandom(8785);
    for (let i = 0; i < 3000; i++) {
      const value = randomJson(random, 0);
      // Parsing the canonical text gives objects in sorted order (bar integer-like keys): the native path.
      const parsed = JSON.parse(JSON.stringify(value) ?? "null");
      expect(canonicalJson(parsed)).toBe(canonicalize(parsed));
      expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalize(value));
    }
  });

  it("writes what it always wrote for values that are not plain JSON", () => {
    expect(canonicalJson({ b: undefined, a: [undefined, 1] })).toBe('{"a":[null,1]}');
    expect(canonicalJson({ a: new Date(0), b: new Map([[1, 2]]) })).toBe('{"a":{},"b":{}}');
    expect(canonicalJson({ "10": 1, "9": 2, "!": 3 })).toBe('{"!":3,"10":1,"9":2}');
    expect(canonicalJson(JSON.parse('{"z":{"__proto__":1,"a":2}}'))).toBe('{"z":{"__proto__":1,"a":2}}');
    expect(canonicalJson(JSON.parse('{"z":{"b":1,"__proto__":{"x":1}}}'))).toBe('{"z":{"__proto__":{"x":1},"b":1}}');
    expect(canonicalJson(Object.assign(Object.create(null), { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it("writes a plain value with one native call, sorting a copy first when keys are out of order", () => {
    // The fast path is the point of this module (hashing every event): JSON.stringify once, or a
    // sorted copy then once; only values that are not plain JSON are written member by member.
    const spy = vi.spyOn(JSON, "stringify");
    const written = (value: unknown) => {
      spy.mockClear();
      const text = canonicalJson(value);
      return { text, calls: spy.mock.calls.length };
    };
    try {
      const text = '{"a":[1,{"b":null,"c":"x"}],"d":true,"e":-1.5}';
      expect(written({ a: [1, { b: null, c: "x" }], d: true, e: -1.5 })).toEqual({ text, calls: 1 });
      expect(written({ e: -1.5, d: true, a: [1, { c: "x", b: null }] })).toEqual({ text, calls: 1 });
      expect(written({ a: { z: 1, y: { q: [], p: {} } } })).toEqual({
        text: '{"a":{"y":{"p":{},"q":[]},"z":1}}',
        calls: 1,
      });
      expect(written([{ b: 1, a: 2 }, [{ d: "1", c: false }]])).toEqual({
        text: '[{"a":2,"b":1},[{"c":false,"d":"1"}]]',
        calls: 1,
      });
      for (const primitive of [null, "s", true, 0, -2.5e-7]) {
        expect(written(primitive)).toEqual({ text: JSON.stringify(primitive), calls: 1 });
      }
      // Not plain JSON: member by member, one call per key and leaf at least.
      expect(written({ b: new Date(0), a: 1 }).calls).toBeGreaterThan(2);
      expect(written([1, undefined]).calls).toBeGreaterThan(1);
      expect(written({ a: [Object.create(null)], b: 1 }).calls).toBeGreaterThan(2);
      const sortedProto = written(JSON.parse('{"b":1,"__proto__":2}'));
      expect(sortedProto.text).toBe('{"__proto__":2,"b":1}');
      expect(sortedProto.calls).toBeGreaterThan(1);
    } finally {
      spy.mockRestore();
    }
  });
});
