import { createHash } from "node:crypto";
import fs from "node:fs";
import readline from "node:readline";
import { parse } from "csv-parse";
import { checkpointPayload, keyIdOf, verifySigned } from "../integrity/checkpoint-signature";
import { hashedFieldsOf } from "../store/event-record";
import { hashEvent } from "../store/hash-event";
import { CSV_COLUMNS, type ExportRow, rowFromCsv } from "./export-format";
import { CSV_MANIFEST_MARK, type ExportManifest, manifestPayload } from "./export-manifest";

export interface ExportVerdict {
  ok: boolean;
  format: "csv" | "jsonl";
  rows: number;
  manifest: ExportManifest | null;
  /** Whether the manifest and checkpoint signatures were checked (needs the public key). */
  signatureChecked: boolean;
  /** `row` counts data rows from 1. */
  firstBad?: { row: number | null; position: string | null; reason: string };
}

type Record_ = { row: ExportRow } | { manifest: ExportManifest };

async function* csvRecords(file: string): AsyncGenerator<Record_> {
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, relax_quotes: false }));
  let header = true;
  for await (const cells of parser as AsyncIterable<string[]>) {
    if (header) {
      if (cells.join(",") !== CSV_COLUMNS.map(([name]) => name).join(","))
        throw new Error("not a Trailbook CSV export (unexpected header)");
      header = false;
    } else if (cells[0] === CSV_MANIFEST_MARK) yield { manifest: JSON.parse(cells[1]!) };
    else yield { row: rowFromCsv(cells) };
  }
}

async function* jsonlRecords(file: string): AsyncGenerator<Record_> {
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim() === "") continue;
    const value = JSON.parse(line);
    yield "manifest" in value && Object.keys(value).length === 1 ? { manifest: value.manifest } : { row: value };
  }
}

/**
 * Verifies an export without the database: every row still hashes to its recorded hash, rows are
 * in order (and, for an unfiltered export, chained and gapless), none were added or removed (count
 * and digest against the manifest), and, given the public key, the manifest and its checkpoint
 * are signed by the Trailbook that produced them. Names the first bad row.
 */
export async function verifyExportFile(
  file: string,
  options: { publicKeyPem?: string; manifest?: ExportManifest } = {},
): Promise<ExportVerdict> {
  const format = sniffFormat(file);
  const digest = createHash("sha256");
  let rows = 0;
  let previous: ExportRow | null = null;
  let first: string | null = null;
  let trailer: ExportManifest | null = null;
  let chainBreak: ExportVerdict["firstBad"] | undefined;
  const verdict = (reason: string, row: ExportRow | null = null): ExportVerdict => ({
    ok: false,
    format,
    rows,
    manifest: trailer ?? options.manifest ?? null,
    signatureChecked: false,
    firstBad: { row: row ? rows : null, position: row?.position ?? null, reason },
  });
  try {
    for await (const record of format === "csv" ? csvRecords(file) : jsonlRecords(file)) {
      if (trailer) return verdict("data after the manifest");
      if ("manifest" in record) {
        trailer = record.manifest;
        continue;
      }
      const row = record.row;
      rows++;
      if (hashEvent(row.prevHash, hashedFieldsOf(row)) !== row.hash)
        return verdict("hash_mismatch: the row was modified", row);
      if (previous && BigInt(row.position) <= BigInt(previous.position))
        return verdict("out_of_order: positions must increase", row);
      // Whether rows must chain is in the manifest, which comes last: remember the first break.
      if (
        !chainBreak &&
        previous &&
        (BigInt(row.position) !== BigInt(previous.position) + 1n || row.prevHash !== previous.hash)
      ) {
        chainBreak = {
          row: rows,
          position: row.position,
          reason: "chain_break: a row is missing or reordered before this one",
        };
      }
      first ??= row.position;
      digest.update(row.hash);
      previous = row;
    }
  } catch (error) {
    return verdict(`unreadable: ${(error as Error).message}`);
  }
  const manifest = options.manifest ?? trailer;
  if (!manifest) return verdict("truncated: the file has no manifest (the export did not finish)");
  if (trailer && options.manifest && JSON.stringify(trailer) !== JSON.stringify(options.manifest))
    return verdict("the file's manifest differs from the one given");
  if (manifest.contiguous && chainBreak) return { ...verdict(chainBreak.reason), firstBad: chainBreak };
  if (manifest.count !== rows)
    return verdict(`count_mismatch: the manifest lists ${manifest.count} rows, the file has ${rows}`);
  if (manifest.rowsDigest !== digest.digest("hex"))
    return verdict("digest_mismatch: rows were added, removed or replaced");
  if (manifest.firstPosition !== first || manifest.lastPosition !== (previous?.position ?? null))
    return verdict("range_mismatch: first/last positions differ from the manifest");
  if (!options.publicKeyPem) return { ok: true, format, rows, manifest, signatureChecked: false };
  const pub = options.publicKeyPem;
  if (manifest.keyId !== keyIdOf(pub) || !verifySigned(manifestPayload(manifest), manifest.signature, pub))
    return verdict("bad_signature: the manifest is not signed by this key");
  const checkpoint = manifest.checkpoint;
  if (rows > 0) {
    if (!checkpoint || !verifySigned(checkpointPayload(checkpoint), checkpoint.signature, pub))
      return verdict("bad_checkpoint: no valid signed checkpoint");
    if (BigInt(checkpoint.position) < BigInt(manifest.lastPosition!))
      return verdict("bad_checkpoint: the checkpoint does not cover the last row");
    if (checkpoint.position === manifest.lastPosition && checkpoint.hash !== previous!.hash)
      return verdict("bad_checkpoint: the last row's hash is not the signed head");
  }
  return { ok: true, format, rows, manifest, signatureChecked: true };
}

/** CSV starts with its header row (possibly after a BOM); anything else is JSONL. Reads 16 bytes, not the file. */
function sniffFormat(file: string): "csv" | "jsonl" {
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
