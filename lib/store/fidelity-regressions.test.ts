import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { canonicalJson } from "../encoding/canonical-json";
import { type Issue, ValidationError } from "../errors";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { type EventRecord, hashedFieldsOf, toStoredEvent } from "./event-record";
import { getEvent } from "./get-event";
import { listStreams } from "./list-streams";
import { readChainBatch } from "./read-chain-batch";
import type { AppendBatch } from "./schemas";
import { verifyChain } from "./verify-chain";

/*
 * The named cases behind lib/store/fidelity.test.ts: values that read back differently on one
 * engine (so verification failed for good at that row), and inputs refused because an engine
 * cannot store them as written.
 */

/** The records as JSON carries them: what the hash covers (JSON.stringify writes -0 as 0). */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** Appends, then checks both read paths return exactly what was hashed and that the range verifies. */
async function appendAndReadBack(db: Database, batch: AppendBatch): Promise<EventRecord[]> {
  const { events } = await appendEvents(db, batch);
  const first = events[0]!.position;
  const last = events.at(-1)!.position;
  const chain = await readChainBatch(db, { after: String(BigInt(first) - 1n), upTo: last, limit: events.length });
  expect(chain.map(hashedFieldsOf)).toEqual(asJson(events.map(hashedFieldsOf)));
  for (const event of events) {
    expect(await getEvent(db, event.id, "all-tenants")).toEqual(asJson(toStoredEvent(event)));
  }
  expect(await verifyChain(db, { from: first, to: last })).toMatchObject({ ok: true, checked: events.length });
  return events;
}

/** The issues of a refused batch, as the API's 422 `validation_failed` lists them in `errors[]`. */
async function refusal(db: Database, batch: AppendBatch): Promise<Issue[]> {
  const error = await appendEvents(db, batch).then(
    () => new Error("appended"),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
}

describeEachDatabase("fidelity regressions", (db) => {
  it("keeps a leading U+FEFF in text columns (PGlite's TextDecoder dropped it)", async () => {
    const stream = `\ufeffBom-${randomUUID()}`;
    const [event] = await appendAndReadBack(db(), {
      stream,
      events: [
        {
          type: "Bom",
          actor: { id: "\ufeffx", type: "\ufeffuser", name: "\ufeff\ufeffname" },
          targets: [{ id: "\ufefftarget" }],
          correlationId: "\ufeffcorrelation",
          links: ["\ufeff"],
          data: { "\ufeffkey": "\ufeffvalue" },
          metadata: { note: "\ufeff" },
        },
      ],
    });
    expect(event).toMatchObject({ actorId: "\ufeffx", actorName: "\ufeff\ufeffname" });
    // Not hashed, but read through the same driver: stream names as stream_events holds them.
    const { items } = await listStreams(db(), "all-tenants", { prefix: stream });
    expect(items.map((item) => item.name)).toEqual([stream]);
    const [row] = await db().query<{ t: string; n: number }>(
      Prisma.sql`SELECT ${"\ufeff"}::text AS t, length(${"\ufeff\ufeff"}::text) AS n`,
    );
    expect(row).toEqual({ t: "\ufeff", n: 2 });
    // Scripts (simple query protocol) read text the same way.
    const rows = await db().transaction((tx) => tx.exec(`SELECT E'\\uFEFFs' AS t; SELECT E'\\uFEFFlast' AS t`));
    expect(rows).toEqual([{ t: "\ufefflast" }]);
  });

  it("keeps occurredAt in years 0001-0099 (PGlite's Date parsing read them as 19xx)", async () => {
    const events = await appendAndReadBack(db(), {
      events: [
        { type: "Ancient", occurredAt: "0050-03-01T12:00:00Z" },
        { type: "Ancient", occurredAt: "0001-01-01T00:00:00Z" },
        { type: "Ancient", occurredAt: "0001-01-01T14:00:00+14:00" },
        { type: "Ancient", occurredAt: "0099-12-31T23:59:59.999-12:00" },
      ],
    });
    expect(events.map((event) => event.occurredAt)).toEqual([
      "0050-03-01T12:00:00.000Z",
      "0001-01-01T00:00:00.000Z",
      "0001-01-01T00:00:00.000Z",
      "0100-01-01T11:59:59.999Z",
    ]);
  });

  it("reads timestamptz as the right Date in every year, BC included (other tables use Date values)", async () => {
    const [row] = await db().query<Record<string, Date | number>>(Prisma.sql`SELECT
        '0050-03-01 12:00:00.123+00'::timestamptz AS a, '0001-12-31 10:00:00+00 BC'::timestamptz AS b,
        '9999-12-31 23:59:59.999+00'::timestamptz AS c, '1969-12-31 23:59:59.999999+00'::timestamptz AS d,
        '2026-07-01 12:00:00+05:30'::timestamptz AS e, ARRAY['0007-01-01 00:00:00+00'::timestamptz] AS f`);
    expect(row).toEqual({
      a: new Date("0050-03-01T12:00:00.123Z"),
      b: new Date("0000-12-31T10:00:00.000Z"),
      c: new Date("9999-12-31T23:59:59.999Z"),
      d: new Date("1969-12-31T23:59:59.999Z"),
      e: new Date("2026-07-01T06:30:00.000Z"),
      f: [new Date("0007-01-01T00:00:00.000Z")],
    });
  });

  it("refuses occurredAt outside the years 0001-9999 in UTC, naming the path", async () => {
    const issues = await refusal(db(), {
      events: [
        { type: "Ok", occurredAt: "2026-01-01T00:00:00Z" },
        { type: "YearZero", occurredAt: "0000-06-01T00:00:00Z" },
        { type: "BeforeYearOneInUtc", occurredAt: "0001-01-01T13:59:59.999+14:00" },
        { type: "AfterYear9999InUtc", occurredAt: "9999-12-31T23:59:59-00:01" },
        { type: "NotATime", occurredAt: "0050-02-30T00:00:00Z" },
      ],
    });
    const message = "must fall in the years 0001-9999 once converted to UTC: other years cannot be stored as written";
    expect(issues).toEqual([
      { path: "events.1.occurredAt", message },
      { path: "events.2.occurredAt", message },
      { path: "events.3.occurredAt", message },
      { path: "events.4.occurredAt", message: "Invalid ISO datetime" },
    ]);
  });

  it("keeps occurredAt to the millisecond, truncating further digits before hashing and storing", async () => {
    const input = { id: randomUUID(), type: "Precise", occurredAt: "2026-01-01T00:00:00.1239999+01:00" };
    const [event] = await appendAndReadBack(db(), { events: [input] });
    expect(event!.occurredAt).toBe("2025-12-31T23:00:00.123Z");
    // Sending it again is recognised as the same event, not a conflict.
    expect(await appendEvents(db(), { events: [input] })).toMatchObject({ replayed: true });
  });

  it("refuses unpaired surrogates in text fields, as it already did in data", async () => {
    const lone = "\ud800x";
    const issues = await refusal(db(), {
      stream: `s${lone}`,
      events: [
        {
          type: "Lone",
          actor: { id: lone, type: "\udc00", name: lone },
          targets: [{ id: lone }],
          correlationId: lone,
          links: [lone],
          data: { [lone]: lone },
        },
      ],
    });
    expect(issues.map((issue) => issue.path).sort()).toEqual(
      [
        "stream",
        "events.0.actor.id",
        "events.0.actor.type",
        "events.0.actor.name",
        "events.0.targets.0.id",
        "events.0.correlationId",
        "events.0.links.0",
        `events.0.data.${lone}`,
        `events.0.data.${lone}`,
      ].sort(),
    );
    for (const issue of issues)
      expect(issue.message).toMatch(/^((string|key) )?contains an unpaired UTF-16 surrogate$/);
  });

  it("refuses NUL anywhere, naming the path", async () => {
    const issues = await refusal(db(), {
      events: [{ type: "Nul", actor: { id: "a\u0000b" }, data: { a: "x\u0000" } }],
    });
    expect(issues).toEqual([
      { path: "events.0.data.a", message: "string contains a NUL character" },
      { path: "events.0.actor.id", message: "no control characters" },
    ]);
  });

  it("keeps edge numbers through jsonb's numeric (-0 is hashed and stored as 0)", async () => {
    const data = {
      negativeZero: -0,
      huge: 1e300,
      max: Number.MAX_VALUE,
      subnormal: 5e-324,
      smallestNormal: 2.2250738585072014e-308,
      unsafe: 2 ** 53 + 2,
      tenth: 0.1,
      sum: 0.1 + 0.2,
      e21: 1e21,
      e20: 1e20,
      small: 1e-7,
      eighths: 123456789.125,
      negative: -Number.MAX_SAFE_INTEGER,
      list: [-0, 1e-300, -1e300],
    };
    const [event] = await appendAndReadBack(db(), { events: [{ type: "Numbers", data, metadata: data }] });
    expect(canonicalJson((await getEvent(db(), event!.id, "all-tenants")).data)).toBe(canonicalJson(data));
  });

  it("keeps JSON at the limits: nested 32 levels, strings of 64 KiB", async () => {
    // data itself is the first level.
    let nested: Record<string, unknown> = { leaf: "\ufeff" };
    for (let i = 2; i < 32; i++) nested = { [`\ufeff${i}`]: nested };
    // 3 + 4 × 16,383 = 65,535 bytes of UTF-8.
    const long = `\ufeff${"\u{1f600}".repeat(16_383)}`;
    await appendAndReadBack(db(), { events: [{ type: "Limits", data: { nested, long }, metadata: { [long]: 1 } }] });
    expect(await refusal(db(), { events: [{ type: "Limits", data: { long: `${long}xy` } }] })).toEqual([
      { path: "events.0.data.long", message: "string is longer than 65536 bytes" },
    ]);
  });

  it("keeps noncharacters, astral characters, line separators and empty strings", async () => {
    const odd = "\ufffe\uffff\ufdd0\ufdef\u{1fffe}\u{10ffff}\u{1f600}\u2028\u2029\u200b\u00ad";
    await appendAndReadBack(db(), {
      stream: `${odd}-${randomUUID()}`,
      events: [
        {
          type: "Odd",
          actor: { id: odd, type: "\uffff", name: "\u{1f600}" },
          targets: [{ id: "\u2028", name: "\ufffe" }],
          correlationId: odd,
          data: { [odd]: odd, "": "", nested: { "\u{10ffff}": ["", odd, "\ufeff"] } },
        },
      ],
    });
  });
});
