import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Database } from "../db/database";
import { ValidationError } from "../errors";
import { appendEvents } from "../store/append-events";
import { readChainBatch } from "../store/read-chain-batch";
import { exportEvent } from "../testing/export-event-arbitrary";
import { describeEachDatabase } from "../testing/test-database";
import { csvLine } from "./export-format";
import { finishCopyCsv } from "./finish-copy-csv";
import { readCsvBatch } from "./read-csv-batch";

/*
 * COPY must write each row byte for byte as csvLine writes the row the driver reads, or say it
 * cannot (null, and the export formats that batch itself). The events are drawn around every rule
 * (export-event-arbitrary.ts).
 */

describe("what COPY's bytes are checked for", () => {
  const hash = "a".repeat(64);
  const layout = { columns: 4, jsonColumns: new Set([1]), timeColumns: new Set([3]), hashColumn: 2 };
  const finish = (text: string, rows = 1) => finishCopyCsv(Buffer.from(text), rows, layout)?.lines.toString() ?? null;

  it.each([
    ['"{""a"": 1.50}"', "a fraction ending in 0"],
    ['"{""a"": 12.50}"', "a fraction ending in 0, two digits before"],
    ['"[1.0, 2]"', "a fraction ending in 0, in an array"],
    ['"{""a"": -0}"', "negative zero"],
    ['"{""a"": [-0.000000123]}"', "below 1e-6"],
    ['"{""a"": 1234567890123456}"', "16 digits"],
    ['"{""a"": 1000000000000000000000}"', "1e21, as jsonb writes it"],
    ['"{""b"": 1, ""10"": 2}"', "an integer-like key"],
    ['"{""0"": 1}"', "an integer-like key, first"],
    ["[1]", "a number in a JSON cell COPY did not quote"],
    ["-1", "a bare negative number where JSON is"],
  ])("declines %s (%s)", (cell) => {
    expect(finish(`1,${cell},${hash},2026-11-27 22:29:32.76\n`)).toBeNull();
  });

  it.each([
    ['"{""amount"": 1.5, ""n"": -12, ""m"": 0.000001}"', '"{""amount"":1.5,""n"":-12,""m"":0.000001}"'],
    [
      '"{""ip"": ""10.0.11.90"", ""v"": ""1.50"", ""n10"": ""x""}"',
      '"{""ip"":""10.0.11.90"",""v"":""1.50"",""n10"":""x""}"',
    ],
    ['"[{""name"": ""Order-1"", ""version"": 10}]"', '"[{""name"":""Order-1"",""version"":10}]"'],
    [
      '"{""x1"": 1, ""1x"": 2, ""k"": ""10"", ""q"": ""a\\"" 10""}"',
      '"{""x1"":1,""1x"":2,""k"":""10"",""q"":""a\\"" 10""}"',
    ],
    ['"{""a"": 123456789012345, ""b"": [0, 0.5, -3.25]}"', '"{""a"":123456789012345,""b"":[0,0.5,-3.25]}"'],
    ["{}", "{}"],
  ])("accepts %s", (cell, compact) => {
    expect(finish(`1,${cell},${hash},2026-11-27 22:29:32.76\n`)).toBe(
      `1,${compact},${hash},2026-11-27T22:29:32.760Z\r\n`,
    );
  });

  it.each([
    ["2026-11-27 22:29:32", "2026-11-27T22:29:32.000Z"],
    ["0050-06-15 12:00:00.5", "0050-06-15T12:00:00.500Z"],
    ["9999-12-31 23:59:59.999", "9999-12-31T23:59:59.999Z"],
  ])("writes the time %s as %s", (stored, iso) => {
    expect(finish(`1,[],${hash},${stored}\n2,[],${hash},${stored}\n`, 2)).toBe(
      `1,[],${hash},${iso}\r\n2,[],${hash},${iso}\r\n`,
    );
  });

  it.each([
    "2026-11-27 22:29:32.7654",
    "2026-11-27T22:29:32",
    "infinity",
    "0044-03-15 12:00:00 BC",
    "12026-11-27 22:29:32",
    "",
  ])("declines the time %s", (stored) => {
    expect(finish(`1,[],${hash},${stored}\n`)).toBeNull();
  });

  it("ends rows with CRLF, compacts JSON cells, collects hashes, or declines what is not the rows", () => {
    const [h1, h2] = ["a".repeat(64), "b".repeat(64)];
    const layout = { columns: 4, jsonColumns: new Set([1]), timeColumns: new Set<number>(), hashColumn: 2 };
    const finish = (text: string, rows: number) => {
      const finished = finishCopyCsv(Buffer.from(text), rows, layout);
      return finished && { ...finished, lines: finished.lines.toString(), hashes: finished.hashes.toString() };
    };
    expect(finish(`1,[],${h1},b\n22,{},${h2},d\n`, 2)).toEqual({
      lines: `1,[],${h1},b\r\n22,{},${h2},d\r\n`,
      hashes: h1 + h2,
      first: "1",
      last: "22",
    });
    const jsonb = '"{""a"": [1, 2], ""b"": ""x, y: \\"" z"", ""c"": {""d"": null}}"';
    const compact = '"{""a"":[1,2],""b"":""x, y: \\"" z"",""c"":{""d"":null}}"';
    expect(finish(`1,${jsonb},${h1},"a, b ""c"""\n2,[],${h2},"x\ny"\n`, 2)?.lines).toBe(
      `1,${compact},${h1},"a, b ""c"""\r\n2,[],${h2},"x\ny"\r\n`,
    );
    expect(finish(`1,[],${h1}, 3 \n`, 1)?.lines).toBe(`1,[],${h1}, 3 \r\n`); // blanks outside JSON stay
    for (const [text, rows] of [
      ["", 0],
      [`a,[],${h1},b\n`, 2],
      [`a,[],${h1},b\nc,[],${h2},d\n`, 1],
      [`a,[],${h1}\n`, 1], // a cell short
      [`a,[],${h1},b,c\n`, 1], // a cell over
      [`a,[],${h1},"b\n`, 1], // an open quote
      [`a,[],${h1},b`, 1], // no row end
      [`a,[],${h1}0,b\n`, 1], // a hash of 65 characters
      [`a,-1,${h1},b\n`, 1], // a bare negative number where JSON is
      [`a,[],${h1},b\nc`, 1], // bytes after the last row
      [`a,[],${h1},b\nc,d`, 1],
    ] as const)
      expect(finish(text, rows), JSON.stringify(text)).toBeNull();
    expect(finish(`a,[],${h1},-b\n`, 1)?.lines).toBe(`a,[],${h1},-b\r\n`); // a text cell may start with -
  });
});

it("refuses a COPY that reports no rows for its bytes, and positions that are not digits", async () => {
  const db = { copyOut: async () => ({ bytes: Buffer.from("1,x\n"), rows: 0 }) } as unknown as Database;
  await expect(readCsvBatch(db, { after: "0", upTo: "1", limit: 1 })).rejects.toThrow("reported none");
  for (const after of ["1; SELECT 1", "x1", "1x", ""])
    await expect(readCsvBatch(db, { after, upTo: "1", limit: 1 })).rejects.toThrow("not a position");
});

describeEachDatabase("CSV export written by COPY", (db, kind) => {
  it("writes each row as csvLine does, or declines the batch", async () => {
    let copied = 0;
    let declined = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(exportEvent, { minLength: 1, maxLength: 4 }), async (events) => {
        let stored: Awaited<ReturnType<typeof appendEvents>>["events"];
        try {
          const input = { stream: "csv-stream", events: events.map((e) => ({ ...e, id: randomUUID() })) };
          ({ events: stored } = await appendEvents(db(), input));
        } catch (error) {
          if (error instanceof ValidationError) return;
          throw error;
        }
        const after = String(BigInt(stored[0]!.position) - 1n);
        const upTo = stored.at(-1)!.position;
        const batch = await readCsvBatch(db(), { after, upTo, limit: 10 });
        if (kind === "pglite") {
          expect(batch).toBeNull(); // no COPY to the client
          return;
        }
        const rows = await readChainBatch(db(), { after, upTo, limit: 10 });
        if (batch === null) return void declined++;
        copied++;
        expect(Buffer.from(batch.lines).toString("utf8")).toBe(rows.map(csvLine).join(""));
        expect(batch).toMatchObject({ count: rows.length, first: rows[0]!.position, last: upTo });
        expect(Buffer.from(batch.hashes).toString()).toBe(rows.map((row) => row.hash).join(""));
      }),
      // A fixed seed: how many generated batches COPY can write is part of what is checked below.
      { numRuns: 60, seed: 8785 },
    );
    // Many batches must take COPY, or this test would hold for a reader that always declines. (By
    // chance alone, 13 of 27 once: a share, not a majority, so it is a bound, not a race.)
    if (kind === "postgres") expect(copied).toBeGreaterThanOrEqual(10);
  });

  // COPY to the client is PostgreSQL's: on PGlite these cases do not exist (not skipped: not registered).
  if (kind !== "postgres") return;

  it("reads an empty range as no rows", async () => {
    const batch = await readCsvBatch(db(), { after: "999999998", upTo: "999999999", limit: 10 });
    expect(batch).toEqual({ count: 0, first: null, last: null, hashes: "", lines: "" });
  });

  it("declines a batch only for what COPY cannot write as csvLine", async () => {
    const cases: [Record<string, unknown>, string, boolean][] = [
      [{ amount: 1.5, note: "a, b: null", ip: "10.0.11.90" }, "plain", true],
      [{ big: 1e21 }, "plain", false], // jsonb: 1000000000000000000000, JSON.stringify: 1e+21
      [{ tiny: 1e-7 }, "plain", false], // jsonb: 0.0000001
      [{ b: 1, "10": 2 }, "plain", false], // JavaScript puts "10" first, jsonb "b"
      [{ a: null, b: [null] }, "'-1", true],
      [{ text: "tab\tcr\rlf\n" }, "'=x", true],
    ];
    for (const [data, actorName, exact] of cases) {
      const { events } = await appendEvents(db(), {
        events: [{ type: "csv.case", data, actor: { id: "a", name: actorName } }],
      });
      const bounds = { after: String(BigInt(events[0]!.position) - 1n), upTo: events[0]!.position, limit: 1 };
      const batch = await readCsvBatch(db(), bounds);
      expect(batch === null, JSON.stringify({ data, actorName })).toBe(!exact);
      const [row] = await readChainBatch(db(), bounds);
      if (batch) expect(Buffer.from(batch.lines).toString("utf8")).toBe(csvLine(row!));
    }
  });
});
