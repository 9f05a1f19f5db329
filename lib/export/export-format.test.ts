import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { chainEvents } from "../verifier/export-fixture";
import {
  CSV_COLUMNS,
  CsvCellError,
  csvHeader,
  csvLine,
  type ExportRow,
  jsonLine,
  neutraliseCell,
  restoreCell,
  rowFromCsv,
} from "./export-format";

const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "\n"];
const [event] = chainEvents(1, () => ({ actorId: "=1+2", actorName: 'a,b"c', data: { f: "=x" } })) as [ExportRow];
const cellsOf = (line: string): string[] => (parse(line, { bom: true }) as string[][])[0]!;

describe("formula guards (OWASP)", () => {
  it.each(FORMULA_STARTS)("guards a cell starting with %j, and undoes it", (c) => {
    expect(neutraliseCell(`${c}x`)).toBe(`'${c}x`);
    expect(neutraliseCell(`''${c}x`)).toBe(`'''${c}x`);
    expect(restoreCell(`'${c}x`)).toBe(`${c}x`);
    expect(restoreCell(`'''${c}x`)).toBe(`''${c}x`);
  });

  it("leaves every other cell alone", () => {
    for (const text of ["", "x", "x=1", "a-b", "'", "''", "'x", "'x=1", "#manifest", "{}", "1", " =x", "x\n=y"]) {
      expect(neutraliseCell(text), JSON.stringify(text)).toBe(text);
      expect(restoreCell(text), JSON.stringify(text)).toBe(text);
    }
  });

  it("round-trips every cell, and only guarded cells change", () => {
    const texts = ["=a", "'=a", "''=a", "'a", "a", "", "\t", "'", "-", "x'=a"];
    for (const text of texts) expect(restoreCell(neutraliseCell(text))).toBe(text);
  });
});

describe("writing", () => {
  it("writes the fixed header, CRLF-terminated", () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.map(([name]) => name).join(",")}\r\n`);
    expect(csvHeader()).toMatch(
      /^position,id,recorded_at,occurred_at,type,.*,hash,prev_hash,writer,inclusion_proof\r\n$/,
    );
  });

  it("writes a row: guarded, quoted per RFC 4180, JSON compact, null empty", () => {
    const row: ExportRow = {
      ...event,
      tenant: null,
      actorId: "=1+2",
      actorName: 'a,b"c',
      traceId: "line\r\nbreak",
      causationId: "plain",
      writer: null,
      data: { f: "=x", q: 'say "hi"' },
      inclusionProof: ["ab"],
    };
    const line = csvLine(row);
    expect(line.endsWith("\r\n")).toBe(true);
    expect(line).toContain(`,'=1+2,user,"a,b""c",`);
    expect(line).toContain(`,"line\r\nbreak",`);
    expect(line).toContain(`,plain,`);
    expect(line).toContain(`,"{""f"":""=x"",""q"":""say \\""hi\\""""}",`);
    expect(line.endsWith(`,${row.hash},${row.prevHash},,"[""ab""]"\r\n`)).toBe(true);
    const cells = cellsOf(line);
    expect(cells).toHaveLength(CSV_COLUMNS.length);
    expect(cells[5]).toBe(""); // tenant: null
    expect(rowFromCsv(cells)).toEqual(row);
  });

  it("writes a missing (undefined) value as an empty cell, like null", () => {
    const line = csvLine({ ...event, writer: undefined as unknown as null, inclusionProof: undefined });
    expect(line.endsWith(`,${event.prevHash},,\r\n`)).toBe(true);
  });

  it("quotes exactly the cells holding a comma, a quote, CR or LF", () => {
    for (const [text, written] of [
      ["a,b", '"a,b"'],
      ['a"b', '"a""b"'],
      ["a\rb", '"a\rb"'],
      ["a\nb", '"a\nb"'],
      ["a b;c'd", "a b;c'd"],
    ]) {
      expect(csvLine({ ...event, type: text! }).split(",")[4]).toBe(written!.split(",")[0]);
    }
  });

  it("writes a JSONL line with every column, in order, null for missing", () => {
    const { inclusionProof: _, ...row } = { ...event, writer: "key-1" } as ExportRow;
    const line = jsonLine(row);
    expect(line.endsWith("}\n")).toBe(true);
    const value = JSON.parse(line);
    expect(Object.keys(value)).toEqual(CSV_COLUMNS.map(([, field]) => field));
    expect(value).toEqual({ ...row, inclusionProof: null });
    expect(line.startsWith(`{"position":"1","id":"${row.id}","recordedAt":`)).toBe(true);
  });
});

describe("reading a CSV row back", () => {
  const cells = cellsOf(csvLine(event));

  it("rebuilds the row exactly, and a round 1 row (without the last two columns) with nulls", () => {
    expect(rowFromCsv(cells)).toEqual({ ...event, inclusionProof: null });
    expect(rowFromCsv(cells.slice(0, -2))).toEqual({ ...event, writer: null, inclusionProof: null });
  });

  it.each(FORMULA_STARTS)("unguarded_formula: refuses a cell starting with %j", (c) => {
    for (const [i, name] of [
      [6, "actor_id"],
      [14, "data"],
      [0, "position"],
    ] as const) {
      const bad = cells.map((cell, j) => (j === i ? `${c}${restoreCell(cell)}` : cell));
      expect(() => rowFromCsv(bad)).toThrow(new CsvCellError(name, "unguarded_formula"));
      try {
        rowFromCsv(bad);
      } catch (error) {
        expect(error).toMatchObject({ name: "CsvCellError", column: name, code: "unguarded_formula" });
        expect((error as Error).message).toBe(
          `unguarded_formula: column ${name} starts with a formula character without its ' guard`,
        );
      }
    }
  });

  it("noncanonical_json: refuses JSON that is not what the export writes", () => {
    for (const json of ['{ "f":"=x"}', '{"f":"=x"} ', '{"f":"\\u003dx"}']) {
      const bad = cells.map((cell, j) => (j === 14 ? json : cell));
      expect(() => rowFromCsv(bad), json).toThrow(
        "noncanonical_json: column data is not the compact JSON an export writes",
      );
      expect(() => rowFromCsv(bad)).toThrow(expect.objectContaining({ column: "data", code: "noncanonical_json" }));
    }
    const text = cells.map((cell, j) => (j === 4 ? '{ "a": 1 }' : cell)); // `type` is text, not JSON
    expect(rowFromCsv(text).type).toBe('{ "a": 1 }');
  });

  it("reads an empty cell as null and guarded text as the text", () => {
    const row = rowFromCsv(cells.map((cell, j) => (j === 5 ? "" : j === 8 ? "''=x" : cell)));
    expect(row.tenant).toBeNull();
    expect(row.actorName).toBe("'=x");
  });
});
