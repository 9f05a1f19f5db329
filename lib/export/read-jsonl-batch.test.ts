import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Database } from "../db/database";
import { ValidationError } from "../errors";
import { appendEvents } from "../store/append-events";
import { readChainBatch } from "../store/read-chain-batch";
import { exportEvent } from "../testing/export-event-arbitrary";
import { describeEachDatabase } from "../testing/test-database";
import { jsonLine } from "./export-format";
import { finishCopyJsonl } from "./finish-copy-jsonl";
import { readExportBatch } from "./read-export-batch";
import { readJsonlBatch } from "./read-jsonl-batch";

/*
 * COPY (text format) and the byte pass must write each row byte for byte as jsonLine writes the row
 * the driver reads, or say they cannot (null, and the export formats that batch row by row). The
 * events are drawn around every rule (export-event-arbitrary.ts), the same as for CSV.
 */

describe("what the JSONL byte pass writes and declines", () => {
  const [h1, h2] = ["a".repeat(64), "b".repeat(64)];
  const layout = {
    fields: ["p", "j", "h", "t"],
    ...{ jsonColumns: new Set([1]), timeColumns: new Set<number>(), fixedColumns: new Map(), hashColumn: 2 },
    tail: `,"x":null`,
  };
  const finish = (text: string, rows: number) => {
    const finished = finishCopyJsonl(Buffer.from(text), rows, layout);
    return finished && { ...finished, lines: finished.lines.toString(), hashes: finished.hashes.toString() };
  };

  it.each([
    ['{"a": 1.50}', "a fraction ending in 0"],
    ['{"a": 12.50}', "a fraction ending in 0, two digits before"],
    ["[1.0, 2]", "a fraction ending in 0, in an array"],
    ['{"a": -0}', "negative zero"],
    ["-0", "negative zero, alone"],
    ['{"a": [-0.000000123]}', "below 1e-6"],
    ["0.0000001", "below 1e-6, alone"],
    ['{"a": 1234567890123456}', "16 digits"],
    ['{"a": 123456789012.345}', "16 characters"],
    ['{"a": 1000000000000000000000}', "1e21, as jsonb writes it"],
    ['{"a": 1e5}', "an exponent (jsonb writes none)"],
    ['{"a": 1.2.3}', "two dots"],
    ['{"a": -}', "a sign alone"],
    ['{"b": 1, "10": 2}', "an integer-like key"],
    ['{"0": 1}', "an integer-like key, first"],
    ['{"01": 1}', "a key of digits that is no index (declined all the same)"],
    [String.raw`"\\/"`, "an escape jsonb does not write"],
    [String.raw`"\\u00e9"`, "a \\u escape jsonb does not write"],
    [String.raw`"\\u001F"`, "an escape in uppercase"],
    [String.raw`"\\u0020"`, "an escape of no control character"],
    ...["0000", "0008", "0009", "000a", "000c", "000d", "0100", "1001", "00g1", "001", "0x01"].map(
      (code): [string, string] => [String.raw`"\\u${code}"`, "an escape JSON.stringify writes otherwise, or none"],
    ),
    [String.raw`["\\\n"]`, "a backslash COPY did not double"],
    [String.raw`[1, \\]`, "a backslash outside strings"],
  ])("declines %s (%s)", (json) => {
    expect(finish(`1\t${json}\t${h1}\tb\n`, 1)).toBeNull();
  });

  it.each([
    '{"amount": 1.5, "n": -12, "m": 0.000001, "z": 0, "f": 0.5, "g": -0.25}',
    '{"ip": "10.0.11.90", "v": "1.50", "w": "-0", "k": "10", "e": "1e21"}',
    '[{"name": "Order-1", "version": 10}]',
    '{"x1": 1, "1x": 2, "": 3, "k": "10", "-1": 4}',
    '{"a": 123456789012345, "b": 12345678901.25, "c": -5, "d": 1.0000001, "e": 0.0000015}',
    String.raw`["\\u0001\\u000b\\u000e\\u0010\\u0019\\u001a\\u001f"]`,
    String.raw`{"a": [true, false, null, {}, []], "b": "\\u0001\\u001f \\" \\\\ \\b\\f\\n\\r\\t / é"}`,
    "12",
    '"text"',
  ])("accepts %s as JSON.stringify writes it", (jsonb) => {
    const value = JSON.parse(jsonb.replaceAll("\\\\", "\\")); // COPY's text: every backslash doubled
    expect(finish(`1\t${jsonb}\t${h1}\tb\n`, 1)?.lines).toBe(
      `{"p":"1","j":${JSON.stringify(value)},"h":"${h1}","t":"b","x":null}\n`,
    );
  });

  it.each([
    ["2026-11-28 01:27:25.023", "2026-11-28T01:27:25.023Z"],
    ["2026-11-28 01:27:25.12", "2026-11-28T01:27:25.120Z"],
    ["2026-11-28 01:27:25.5", "2026-11-28T01:27:25.500Z"],
    ["2026-11-28 01:27:25", "2026-11-28T01:27:25.000Z"],
    ["0001-01-01 00:00:00", "0001-01-01T00:00:00.000Z"],
  ])("writes the time %s as %s", (text, iso) => {
    const times = { ...layout, jsonColumns: new Set<number>(), timeColumns: new Set([3]) };
    const finished = finishCopyJsonl(Buffer.from(`1\t[]\t${h1}\t${text}\n`), 1, times);
    expect(finished?.lines.toString()).toBe(`{"p":"1","j":"[]","h":"${h1}","t":"${iso}","x":null}\n`);
    const nulls = finishCopyJsonl(Buffer.from(`1\t[]\t${h1}\t\\N\n`), 1, times);
    expect(nulls?.lines.toString()).toBe(`{"p":"1","j":"[]","h":"${h1}","t":null,"x":null}\n`);
  });

  it.each([
    "2026-11-28 01:27:25.0234", // microseconds
    "2026-11-28 01:27:25.",
    "12026-11-28 01:27:25",
    "2026-11-28 01:27:25 BC",
    "infinity",
    "28.11.2026 01:27:25.023", // DateStyle German
    "2026-11-28T01:27:25.023",
    "2026-11-28 01:27:2a.023",
    "2026-11-28 01:27:25,023",
    "",
  ])("declines the time %s", (text) => {
    const times = { ...layout, timeColumns: new Set([3]) };
    expect(finishCopyJsonl(Buffer.from(`1\t[]\t${h1}\t${text}\n`), 1, times)).toBeNull();
  });

  it("copies a fixed-length cell as it is, or declines one of another length", () => {
    const fixed = {
      ...layout,
      fixedColumns: new Map([
        [0, 3],
        [2, 64],
      ]),
    };
    const finished = finishCopyJsonl(Buffer.from(`abc\t[]\t${h1}\tb\n\\N\t[]\t${h2}\tb\n`), 2, fixed);
    expect(finished?.lines.toString()).toBe(
      `{"p":"abc","j":[],"h":"${h1}","t":"b","x":null}\n{"p":null,"j":[],"h":"${h2}","t":"b","x":null}\n`,
    );
    expect(finished?.hashes.toString()).toBe(h1 + h2);
    for (const text of [`ab\t[]\t${h1}\tb\n`, `abcd\t[]\t${h1}\tb\n`, `abc\t[]\t${h1}0\tb\n`])
      expect(finishCopyJsonl(Buffer.from(text), 1, fixed), text).toBeNull();
  });

  it("writes members, nulls, JSON strings and compact JSON, and collects hashes", () => {
    expect(finish(`1\t[]\t${h1}\tb\n22\t{}\t${h2}\t\\N\n`, 2)).toEqual({
      lines: `{"p":"1","j":[],"h":"${h1}","t":"b","x":null}\n{"p":"22","j":{},"h":"${h2}","t":null,"x":null}\n`,
      hashes: h1 + h2,
      first: "1",
      last: "22",
    });
    // jsonb's text as COPY escapes it: every backslash doubled; blanks only after `:` and `,`.
    const jsonb = String.raw`{"a": [1, 2], "b": "x, y: \\" z \\\\", "c": {"d": null}, "e": " "}`;
    const compact = String.raw`{"a":[1,2],"b":"x, y: \" z \\","c":{"d":null},"e":" "}`;
    expect(finish(`1\t${jsonb}\t${h1}\t a "b" \\\\N\\\\ \n`, 1)?.lines).toBe(
      `{"p":"1","j":${compact},"h":"${h1}","t":" a \\"b\\" \\\\N\\\\ ","x":null}\n`,
    );
    expect(finish(`1\t\\N\t${h1}\t\n`, 1)?.lines).toBe(`{"p":"1","j":null,"h":"${h1}","t":"","x":null}\n`);
    expect(finish(`1\t[]\t${h1}\tNN\n`, 1)?.lines).toBe(`{"p":"1","j":[],"h":"${h1}","t":"NN","x":null}\n`);
  });

  it("declines what is not the rows, and texts holding control characters", () => {
    for (const [text, rows] of [
      ["", 0],
      [`a\t[]\t${h1}\tb\n`, 2],
      [`a\t[]\t${h1}\tb\nc\t[]\t${h2}\td\n`, 1],
      [`a\t[]\t${h1}\n`, 1], // a cell short
      [`a\t[]\t${h1}\tb\tc\n`, 1], // a cell over
      [`a\t[]\t${h1}\tb`, 1], // no row end
      [`a\t[]\t${h1}0\tb\n`, 1], // a hash of 65 characters
      [`a\t[]\t${h1.slice(1)}\tb\n`, 1], // a hash of 63
      [`a\t[]\t\\N\tb\n`, 1], // no hash
      [`a\t[]\t${h1}\tb\nc`, 1], // bytes after the last row
      [`a\t["x]\t${h1}\tb\n`, 1], // an open JSON string
      [`a\t["\\n"]\t${h1}\tb\n`, 1], // a control character (COPY's escape) in JSON text
      [`a\t[]\t${h1}\tb\\vc\n`, 1], // a control character as COPY escapes it: JSON writes \u000b
      [`a\t[]\t${h1}\tb\\nc\n`, 1],
      [`a\t[]\t${h1}\tb\u0001c\n`, 1], // one COPY writes as it is
      [`a\t[]\t${h1}\tb\u0001`, 1], // one where the row ends
      [`a\t[]\t${h1}\tb\\`, 1],
    ] as const)
      expect(finish(text, rows), JSON.stringify(text)).toBeNull();
  });
});

it("refuses a COPY that reports no rows for its bytes, and positions that are not digits", async () => {
  const db = { copyOut: async () => ({ bytes: Buffer.from("1\tx\n"), rows: 0 }) } as unknown as Database;
  await expect(readJsonlBatch(db, { after: "0", upTo: "1", limit: 1 })).rejects.toThrow("reported none");
  for (const after of ["1; SELECT 1", "x1", "1x", ""])
    await expect(readJsonlBatch(db, { after, upTo: "1", limit: 1 })).rejects.toThrow("not a position");
});

describeEachDatabase("JSONL export written by COPY", (db, kind) => {
  /** The database, with the statements COPY runs recorded. */
  const watched = (copies: string[]): Database => {
    const copyOut = db().copyOut;
    if (!copyOut) return db();
    return {
      ...db(),
      copyOut: (statement) => {
        copies.push(statement.text);
        return copyOut(statement);
      },
    };
  };

  it("writes each row as jsonLine does, or declines the batch; an export batch is jsonLine's either way", async () => {
    let copied = 0;
    let declined = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(exportEvent, { minLength: 1, maxLength: 4 }), async (events) => {
        let stored: Awaited<ReturnType<typeof appendEvents>>["events"];
        try {
          const input = { stream: "jsonl-stream", events: events.map((e) => ({ ...e, id: randomUUID() })) };
          ({ events: stored } = await appendEvents(db(), input));
        } catch (error) {
          if (error instanceof ValidationError) return;
          throw error;
        }
        const bounds = { after: String(BigInt(stored[0]!.position) - 1n), upTo: stored.at(-1)!.position, limit: 10 };
        const rows = await readChainBatch(db(), bounds);
        const expected = rows.map(jsonLine).join("");
        // The export's batch: COPY's when it can, else row by row (PGlite always).
        const copies: string[] = [];
        const options = { ...bounds, where: [], contiguous: true, treeSize: bounds.upTo, format: "jsonl" as const };
        const exported = await readExportBatch(watched(copies), options);
        expect(Buffer.from(exported.lines).toString("utf8")).toBe(expected);
        expect(Buffer.from(exported.hashes).toString()).toBe(rows.map((row) => row.hash).join(""));
        expect(exported).toMatchObject({ count: rows.length, first: rows[0]!.position, last: bounds.upTo });
        expect(copies.length).toBe(kind === "postgres" ? 1 : 0);

        const batch = await readJsonlBatch(db(), bounds);
        if (kind === "pglite") return void expect(batch).toBeNull(); // no COPY to the client
        if (batch === null) return void declined++;
        copied++;
        expect(Buffer.from(batch.lines).toString("utf8")).toBe(expected);
        expect(batch).toMatchObject({ count: rows.length, first: rows[0]!.position, last: bounds.upTo });
        expect(Buffer.from(batch.hashes).toString()).toBe(rows.map((row) => row.hash).join(""));
      }),
      // A fixed seed: how many generated batches COPY can write is part of what is checked below.
      { numRuns: 60, seed: 8785 },
    );
    // Many batches must take COPY, or this test would hold for a reader that always declines.
    if (kind === "postgres") expect(copied).toBeGreaterThanOrEqual(10);
  });

  // COPY to the client is PostgreSQL's: on PGlite these cases do not exist (not skipped: not registered).
  if (kind !== "postgres") return;

  it("reads an empty range as no rows", async () => {
    const batch = await readJsonlBatch(db(), { after: "999999998", upTo: "999999999", limit: 10 });
    expect(batch).toEqual({ count: 0, first: null, last: null, hashes: "", lines: "" });
  });

  it("declines a batch only for what COPY cannot write as jsonLine", async () => {
    const cases: [Record<string, unknown>, string, boolean][] = [
      [{ amount: 1.5, note: "a, b: null", ip: "10.0.11.90", q: 'say "hi" \\ ok' }, 'a "b" \\', true],
      [{ big: 1e21 }, "plain", false], // jsonb: 1000000000000000000000, JSON.stringify: 1e+21
      [{ tiny: 1e-7 }, "plain", false], // jsonb: 0.0000001
      [{ b: 1, "10": 2 }, "plain", false], // JavaScript puts "10" first, jsonb "b"
      [{ a: null, b: [null] }, "", true],
      [{ text: "tab\tcr\rlf\n\u000b\u0001" }, "'=x", true],
    ];
    await appendEvents(db(), { events: [{ type: "jsonl.first" }] }); // prev_hash of 64 zeros is fine here
    for (const [data, actorName, exact] of cases) {
      const { events } = await appendEvents(db(), {
        events: [{ type: "jsonl.case", data, actor: { id: "a", ...(actorName && { name: actorName }) } }],
      });
      const bounds = { after: String(BigInt(events[0]!.position) - 1n), upTo: events[0]!.position, limit: 1 };
      const batch = await readJsonlBatch(db(), bounds);
      expect(batch === null, JSON.stringify({ data, actorName })).toBe(!exact);
      const [row] = await readChainBatch(db(), bounds);
      if (batch) expect(Buffer.from(batch.lines).toString("utf8")).toBe(jsonLine(row!));
    }
  });
});
