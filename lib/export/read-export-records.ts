import fs from "node:fs";
import readline from "node:readline";
import { parse } from "csv-parse";
import { CSV_COLUMNS, type ExportRow, rowFromCsv } from "./export-format";
import { CSV_MANIFEST_MARK, type ExportManifest } from "./export-manifest";

export type ExportRecord = { row: ExportRow } | { manifest: ExportManifest };

/** CSV starts with its header row (possibly after a BOM); anything else is JSONL. Reads 16 bytes, not the file. */
export function sniffFormat(file: string): "csv" | "jsonl" {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  try {
    const text = head
      .subarray(0, fs.readSync(fd, head, 0, head.length, 0))
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    return text.startsWith("position,") || text.startsWith('"position"') ? "csv" : "jsonl";
  } finally {
    fs.closeSync(fd);
  }
}

async function* csvRecords(file: string): AsyncGenerator<ExportRecord> {
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, relax_quotes: false }));
  let header = true;
  for await (const cells of parser as AsyncIterable<string[]>) {
    if (header) {
      const names = CSV_COLUMNS.map(([name]) => name);
      const known = [names.join(","), names.slice(0, -2).join(",")]; // this version's, and round 1's
      if (!known.includes(cells.join(","))) throw new Error("not a Trailbook CSV export (unexpected header)");
      header = false;
    } else if (cells[0] === CSV_MANIFEST_MARK) yield { manifest: JSON.parse(cells[1]!) };
    else yield { row: rowFromCsv(cells) };
  }
}

async function* jsonlRecords(file: string): AsyncGenerator<ExportRecord> {
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim() === "") continue;
    const value = JSON.parse(line);
    yield "manifest" in value && Object.keys(value).length === 1 ? { manifest: value.manifest } : { row: value };
  }
}

/** The rows and the manifest of an export file, streamed (memory stays flat whatever its size). */
export function readExportRecords(file: string, format: "csv" | "jsonl"): AsyncGenerator<ExportRecord> {
  return format === "csv" ? csvRecords(file) : jsonlRecords(file);
}
