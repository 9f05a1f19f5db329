import fs from "node:fs";
import readline from "node:readline";
import { parse } from "csv-parse";
import { CSV_COLUMNS, CsvCellError, type ExportRow, rowFromCsv } from "./export-format";
import { CSV_MANIFEST_MARK, type ExportManifest } from "./export-manifest";

export type ExportRecord = { row: ExportRow } | { manifest: ExportManifest };

/**
 * A record the reader refuses, named by its place: `row` counts data rows from 1 (the manifest is
 * not one), `position` is what its first cell or field says. `reason` starts with a verdict code.
 */
export class ExportRecordError extends Error {
  constructor(
    readonly row: number,
    readonly position: string | null,
    readonly reason: string,
  ) {
    super(`data row ${row}: ${reason}`);
    this.name = "ExportRecordError";
  }
}

/**
 * CSV starts with its header row, possibly after a BOM and possibly quoted (a spreadsheet that
 * re-saves the file may quote every field); anything else is JSONL. Reads 16 bytes, not the file.
 */
export function sniffFormat(file: string): "csv" | "jsonl" {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  try {
    const text = head.subarray(0, fs.readSync(fd, head, 0, head.length, 0)).toString("utf8");
    return /^\uFEFF?(position|"position"),/.test(text) ? "csv" : "jsonl";
  } finally {
    fs.closeSync(fd);
  }
}

const HEADERS = [CSV_COLUMNS.length, CSV_COLUMNS.length - 2].map((length) =>
  CSV_COLUMNS.slice(0, length)
    .map(([name]) => name)
    .join(","),
); // this version's, and round 1's (without writer and inclusion_proof)

/**
 * The trailer row is exactly what the export writes: `#manifest`, the manifest as compact JSON,
 * and empty cells. Anything else in it is an edit.
 */
function manifestFromCsv(cells: readonly string[], row: number): ExportManifest {
  const json = cells[1] ?? "";
  const manifest = JSON.parse(json);
  if (JSON.stringify(manifest) !== json || cells.slice(2).some((cell) => cell !== ""))
    throw new ExportRecordError(row, null, "malformed_manifest: the manifest row is not as the export wrote it");
  return manifest;
}

async function* csvRecords(file: string, rows: boolean): AsyncGenerator<ExportRecord> {
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, relax_quotes: false }));
  let header = true;
  let row = 0;
  for await (const cells of parser as AsyncIterable<string[]>) {
    if (header) {
      if (!HEADERS.includes(cells.join(","))) throw new Error("not a Trailbook CSV export (unexpected header)");
      header = false;
    } else if (cells[0] === CSV_MANIFEST_MARK) yield { manifest: manifestFromCsv(cells, row + 1) };
    else {
      row++;
      if (rows) yield { row: csvRow(cells, row) };
    }
  }
}

function csvRow(cells: readonly string[], row: number): ExportRow {
  try {
    return rowFromCsv(cells);
  } catch (error) {
    const reason = error instanceof CsvCellError ? error.message : `unreadable: ${(error as Error).message}`;
    throw new ExportRecordError(row, cells[0] ?? null, reason);
  }
}

async function* jsonlRecords(file: string, rows: boolean): AsyncGenerator<ExportRecord> {
  let line = 0;
  for await (const text of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    line++;
    if (text.trim() === "") continue;
    const value = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new Error(`line ${line} is not a JSON object`);
    if ("manifest" in value && Object.keys(value).length === 1) yield { manifest: value.manifest };
    else if (rows) yield { row: value };
  }
}

/**
 * The rows and the manifest of an export file, streamed (memory stays flat whatever its size).
 * With `rows: false` only the manifest is yielded (rows are read but not rebuilt), so a first pass
 * that looks for the manifest does not stop at a bad row.
 */
export function readExportRecords(
  file: string,
  format: "csv" | "jsonl",
  options: { rows?: boolean } = {},
): AsyncGenerator<ExportRecord> {
  return format === "csv" ? csvRecords(file, options.rows ?? true) : jsonlRecords(file, options.rows ?? true);
}

/** The export's manifest (its last record), or null for a file without one. Reads rows without rebuilding them. */
export async function readExportManifest(file: string, format: "csv" | "jsonl"): Promise<ExportManifest | null> {
  let manifest: ExportManifest | null = null;
  for await (const record of readExportRecords(file, format, { rows: false }))
    if ("manifest" in record) manifest = record.manifest;
  return manifest;
}
