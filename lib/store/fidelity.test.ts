import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { expect, it } from "vitest";
import { ValidationError } from "../errors";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { hashedFieldsOf, toStoredEvent } from "./event-record";
import { getEvent } from "./get-event";
import { readChainBatch } from "./read-chain-batch";
import type { AppendBatch, NewEvent } from "./schemas";
import { verifyChain } from "./verify-chain";

/*
 * Every accepted event must read back exactly as it was hashed, on both engines, or verification
 * fails for good at that row. Arbitrary events (all of Unicode, U+FEFF first, noncharacters,
 * astral characters, edge numbers, deep nesting, occurredAt in years 0001-9999 with offsets and
 * extra fractional digits) are appended; inputs the schema refuses are skipped, and everything
 * accepted must read back equal through both read paths, verify, and replay as the same event.
 * The named cases are in fidelity-regressions.test.ts.
 */

const RUNS = 150;

/** The records as JSON carries them: what the hash covers (JSON.stringify writes -0 as 0). */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** One code point of the awkward kinds, or any code point that is not a control character. */
const unit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter((c) => !/\p{Cc}/u.test(c)) },
  { weight: 4, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ...["\ufeff", "\ufffe", "\uffff", "\ufdd0", "\ufdef", "\u{1fffe}", "\u{10ffff}", "\u{1f600}", "\u{e0001}"],
      ...["\u2028", "\u2029", "\u200b", "\u00ad", "e\u0301", "\\", '"', "'", "%", "_", ".", "\ud83d\ude00"],
    ),
  },
);

/** Text as free-text columns take it, often starting with U+FEFF; now and then a refused one. */
const text = fc.oneof(
  {
    weight: 150,
    arbitrary: fc
      .tuple(fc.constantFrom("", "", "\ufeff", "\ufeff\ufeff"), fc.string({ unit, minLength: 1, maxLength: 8 }))
      .map(([start, rest]) => start + rest),
  },
  { weight: 1, arbitrary: fc.constantFrom("\u0000", "a\ud800", "\udfffb", "\u0085", "\t", "") },
);

/** JSON strings also take control characters (all but NUL are stored). */
const jsonString = fc.oneof(
  { weight: 8, arbitrary: text },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 4 }).filter((s) => !s.includes("\u0000")) },
  { weight: 1, arbitrary: fc.constant("") },
);

const jsonNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(-0, 0.1, 0.1 + 0.2, 1e300, -1e300, 5e-324, 2 ** 53 + 2, 1e21, 1e20, 1e-7, 123456789.125),
  fc.constantFrom(Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_SAFE_INTEGER, 2.2250738585072014e-308),
);

const key = fc.oneof(
  { weight: 6, arbitrary: jsonString },
  { weight: 1, arbitrary: fc.constantFrom("", "__proto__", "constructor", "\ufeff", "a.b") },
);

const { object: jsonObject } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthIdentifier: "json", maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    jsonNumber,
    jsonString,
    fc.array(tie("value"), { maxLength: 3, depthIdentifier: "json" }),
    tie("object"),
  ),
  object: fc
    .array(fc.tuple(key, tie("value")), { maxLength: 4, depthIdentifier: "json" })
    .map((entries) => Object.fromEntries(entries) as Record<string, unknown>),
}));

/** Objects nested around the 32-level limit: up to it is stored, past it refused. */
const deepObject = fc.integer({ min: 28, max: 33 }).map((depth) => {
  let value: Record<string, unknown> = { leaf: "\ufeff" };
  for (let i = 1; i < depth; i++) value = { [`\ufeff${i}`]: value };
  return value;
});

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** ISO 8601 with `Z` or an offset, years 0001-9999 (mostly past), 0-9 fractional digits. */
const occurredAt = fc
  .record({
    year: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 99 }) },
      { weight: 4, arbitrary: fc.integer({ min: 100, max: 2025 }) },
      { weight: 1, arbitrary: fc.constantFrom(1, 9999) },
    ),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.oneof(
      fc.constant(""),
      digits(1, 9).map((d) => `.${d}`),
    ),
    offset: fc.oneof(
      fc.constantFrom("Z", "+14:00", "-12:00", "+00:00", "-00:00", "+05:45"),
      fc
        .tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
    ),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}` +
      `${t.fraction}${t.offset}`,
  );

const party = fc.record({ id: text, type: text, name: text }, { requiredKeys: ["id"] });

const event: fc.Arbitrary<NewEvent> = fc.record(
  {
    type: fc.constantFrom("Fidelity", "fidelity.test/x:1"),
    data: fc.oneof({ weight: 6, arbitrary: jsonObject }, { weight: 1, arbitrary: deepObject }),
    metadata: jsonObject,
    tenant: fc.constantFrom("acme", "t.1"),
    actor: party,
    targets: fc.array(party, { maxLength: 3 }),
    correlationId: text,
    occurredAt,
    links: fc.array(text, { maxLength: 2 }),
  },
  { requiredKeys: ["type"] },
);

const batch = fc.record(
  { stream: text, events: fc.array(event, { minLength: 1, maxLength: 4 }) },
  { requiredKeys: ["events"] },
);

describeEachDatabase("fidelity: every accepted event reads back as hashed", (db) => {
  it(`holds for ${RUNS} arbitrary batches`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(batch, async (generated) => {
        // Ids are drawn here, not by fast-check: a shrunk rerun must not collide with stored events.
        const input: AppendBatch = {
          ...generated,
          events: generated.events.map((e) => ({ ...e, id: randomUUID() })),
        };
        let events: Awaited<ReturnType<typeof appendEvents>>["events"];
        try {
          ({ events } = await appendEvents(db(), input));
        } catch (error) {
          // Refused at input (422) is fine; anything else (a database error: 500) is not.
          if (error instanceof ValidationError) return;
          throw error;
        }
        accepted++;
        const first = events[0]!.position;
        const last = events.at(-1)!.position;
        const chain = await readChainBatch(db(), { after: String(BigInt(first) - 1n), upTo: last, limit: 10 });
        expect(chain.map(hashedFieldsOf)).toEqual(asJson(events.map(hashedFieldsOf)));
        expect(chain).toEqual(asJson(events));
        for (const stored of events) {
          expect(await getEvent(db(), stored.id, "all-tenants")).toEqual(asJson(toStoredEvent(stored)));
        }
        expect(await verifyChain(db(), { from: first, to: last })).toMatchObject({ ok: true, checked: events.length });
        // The replay check compares what was read back with the input, so it is a round trip too.
        expect(await appendEvents(db(), input)).toMatchObject({ replayed: true });
      }),
      { numRuns: RUNS },
    );
    // Not vacuous: most batches are accepted, and the whole chain verifies.
    expect(accepted).toBeGreaterThan(RUNS / 3);
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  });
});
