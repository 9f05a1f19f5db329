import fc from "fast-check";
import type { NewEvent } from "../store/schemas";

/*
 * Events for the property tests that hold an export written by COPY (CSV or JSONL) against the one
 * written row by row. Texts are drawn around every rule: formula starts behind apostrophes, quotes,
 * backslashes, commas, CR, LF, empty strings, U+FEFF; JSON with null members, `: null` and `", "`
 * in strings, integer-like keys and the numbers jsonb writes otherwise.
 */

/** Pieces of free text (columns refuse control characters; JSON strings take them). */
const piece = fc.constantFrom(
  ...["=", "+", "-", "@", "'", "''", '"', ",", ", ", ": null", " ", "\ufeff", "é", "\u2028", "a", "1", "x=1"],
  ...["\\", "\\n", "\\N", "{", "}", "[", "]", ":", '": "', "0", "1.50", "-0", "\\\\", '\\"'],
);
const control = fc.constantFrom("\t", "\r", "\n", "\u0001", "\u000b", "\u001f", "\u007f");
/** Columns take no empty text; the `z` also keeps trailing blanks inside. */
const filled = fc.array(piece, { minLength: 1, maxLength: 5 }).map((pieces) => `${pieces.join("")}z`);
const jsonText = fc.array(fc.oneof(piece, control), { maxLength: 5 }).map((pieces) => pieces.join(""));
/** Numbers JSON.stringify and jsonb write alike, and (rarely) ones they do not. */
const number = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -1e9, max: 1e9 }) },
  { weight: 4, arbitrary: fc.constantFrom(0.5, -2.25, 0.1, 0.000001, 123456.789, 1e15, 0.3) },
  { weight: 1, arbitrary: fc.constantFrom(1e21, 1e-7, 2 ** 53 + 2, 5e-324, 0.1 + 0.2, -0, 1e16) },
);
const key = fc.oneof({ weight: 30, arbitrary: jsonText }, { weight: 1, arbitrary: fc.constantFrom("1", "10", "0") });
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthIdentifier: "json", maxDepth: 3 },
    fc.constant(null),
    fc.boolean(),
    number,
    jsonText,
    fc.array(tie("value"), { maxLength: 3, depthIdentifier: "json" }),
    fc.dictionary(key, tie("value"), { maxKeys: 3, depthIdentifier: "json" }),
  ),
}));
const object = fc.dictionary(key, jsonValue, { maxKeys: 4 });

/** Times in the years an event may hold, many with trailing zeros in their milliseconds (PostgreSQL drops those). */
const occurredAt = fc.oneof(
  fc.date({
    min: new Date("0001-01-01T00:00:00.000Z"),
    max: new Date("9999-12-31T23:59:59.999Z"),
    noInvalidDate: true,
  }),
  fc.constantFrom(0, 500, 120, 7).map((ms) => new Date(Date.UTC(2026, 10, 28, 1, 2, 3, ms))),
  fc.constantFrom(new Date("0001-01-01T00:00:00.000Z"), new Date("9999-12-31T23:59:59.999Z")),
);

/** An event to append; some are refused by validation (the tests skip those). */
export const exportEvent: fc.Arbitrary<NewEvent> = fc.record(
  {
    type: fc.constantFrom("csv.batch", "-1+2", "-x", ":a/b", 'q"\\x'),
    data: object,
    metadata: object,
    tenant: fc.constantFrom("acme", "t-1"),
    actor: fc.record({ id: filled, type: filled, name: filled }, { requiredKeys: ["id"] }),
    targets: fc.array(fc.record({ id: filled, name: filled }, { requiredKeys: ["id"] }), { maxLength: 2 }),
    correlationId: filled,
    occurredAt: occurredAt.map((date) => date.toISOString()),
  },
  { requiredKeys: ["type"] },
);
