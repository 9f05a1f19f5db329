import "server-only";
import { createHash } from "node:crypto";
import { type Principal, scopeOf } from "../auth/principal";
import { config } from "../config";
import type { Database } from "../db/database";
import { currentTreeHead } from "../integrity/current-tree-head";
import type { SigningKey } from "../integrity/signing-key";
import { searchConditions } from "../query/build-where";
import { scopeConditions } from "../store/tenant-scope";
import { CSV_COLUMNS, csvHeader } from "./export-format";
import { CSV_MANIFEST_MARK, type ExportManifest, manifestPayload } from "./export-manifest";
import type { ExportBatch } from "./read-csv-batch";
import { readExportBatch } from "./read-export-batch";
import { recordExport } from "./record-export";

export interface ExportRequest {
  q: string;
  format: "csv" | "jsonl";
}

export interface ExportSummary {
  count: number;
  rowsDigest: string;
  lastPosition: string | null;
  completed: boolean;
}

const BATCH = 2000;
/**
 * Batches of a contiguous export read while the current one is sent, each on its own connection:
 * two when COPY writes them (the database is the slower side), else one (this process is, and its
 * rows are objects until formatted).
 */
const AHEAD = { copy: 2, rows: 1 };

/**
 * Prepares a streamed export of exactly the events the same search lists for this principal
 * (oldest first), as of a signed tree head taken when it starts: rows are at or below its size.
 * A filtered export's rows each carry their inclusion proof against that head. The query is
 * parsed and the first batch read before this resolves, so bad input is still a proper 4xx. The
 * returned generator then reads batches (read-export-batch.ts) only as fast as the consumer takes
 * them, at most AHEAD in advance, and ends with the signed manifest. When it ends or is abandoned,
 * the export is recorded as a `trailbook.export` event (record-export.ts).
 */
export async function exportEvents(
  db: Database,
  principal: Principal,
  request: ExportRequest,
  key: SigningKey,
): Promise<AsyncGenerator<string | Uint8Array>> {
  const where = [...searchConditions(request.q), ...scopeConditions(scopeOf(principal))];
  const contiguous = request.q.trim() === "" && principal.tenant === null;
  const treeHead = await currentTreeHead(db, key, { intervalMs: config.exportHeadIntervalMs });
  const treeSize = treeHead?.treeSize ?? "0";
  const options = { where, contiguous, treeSize, format: request.format, limit: BATCH };
  const end = BigInt(treeSize);
  // A contiguous export reads position ranges of BATCH (each holds at most BATCH rows), so batches
  // can be read side by side; a filtered one reads keyset batches, each after the last row read.
  const rangeEnd = (after: string) =>
    BigInt(after) + BigInt(BATCH) < end ? String(BigInt(after) + BigInt(BATCH)) : treeSize;
  const read = (after: string) =>
    readExportBatch(db, { ...options, after, upTo: contiguous ? rangeEnd(after) : treeSize });
  const first = await read("0");
  const depth = db.copyOut ? AHEAD.copy : AHEAD.rows;

  return (async function* () {
    const digest = createHash("sha256");
    let count = 0;
    let firstPosition: string | null = null;
    let lastPosition: string | null = null;
    let completed = false;
    const ahead: Promise<ExportBatch>[] = [];
    try {
      if (request.format === "csv") yield csvHeader(); // never an empty chunk: a pull must enqueue something
      let next = rangeEnd("0");
      for (let batch: ExportBatch | undefined = first; batch; ) {
        // A contiguous export keeps AHEAD ranges in flight; a filtered one reads the next batch
        // only when the consumer pulls (its rows' proofs are most of the work).
        while (contiguous && BigInt(next) < end && ahead.length < depth) {
          const reading = read(next);
          reading.catch(() => {}); // awaited in turn, or abandoned with the export
          ahead.push(reading);
          next = rangeEnd(next);
        }
        digest.update(batch.hashes);
        firstPosition ??= batch.first;
        lastPosition = batch.last ?? lastPosition;
        count += batch.count;
        if (batch.count > 0) yield batch.lines;
        if (contiguous) batch = await ahead.shift();
        else batch = batch.count < BATCH || batch.last === treeSize ? undefined : await read(batch.last!);
      }
      const body: Omit<ExportManifest, "signature"> = {
        trailbook: "export",
        version: 2,
        format: request.format,
        query: request.q,
        tenant: principal.tenant,
        count,
        firstPosition,
        lastPosition,
        contiguous,
        rowsDigest: digest.copy().digest("hex"),
        treeHead,
        exportedAt: new Date().toISOString(),
        keyId: key.keyId,
      };
      const manifest: ExportManifest = { ...body, signature: key.sign(manifestPayload(body)) };
      completed = true;
      yield request.format === "csv" ? csvManifestLine(manifest) : `${JSON.stringify({ manifest })}\n`;
    } finally {
      await Promise.allSettled(ahead); // the reads in flight end before the export is recorded
      const summary = { count, rowsDigest: digest.digest("hex"), lastPosition, completed };
      await recordExport(db, principal, { ...summary, q: request.q, format: request.format });
    }
  })();
}

/** The trailer row: `#manifest`, the manifest's JSON (quoted per RFC 4180), the other cells empty. */
function csvManifestLine(manifest: ExportManifest): string {
  const json = JSON.stringify(manifest).replaceAll('"', '""');
  return `${CSV_MANIFEST_MARK},"${json}"${",".repeat(CSV_COLUMNS.length - 2)}\r\n`;
}
