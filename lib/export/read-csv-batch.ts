import "server-only";
import type { Database } from "../db/database";
import { copyEventRange } from "../store/copy-event-range";
import { CSV_COLUMNS } from "./export-format";
import { CSV_COPY_COLUMNS } from "./export-sql";
import { finishCopyCsv } from "./finish-copy-csv";

/** A batch of export lines: its row count, first and last positions, and its rows' hashes concatenated. */
export interface ExportBatch {
  count: number;
  first: string | null;
  last: string | null;
  /** The rows' hashes in position order, concatenated (hex): the manifest digest runs over them. */
  hashes: string | Uint8Array;
  lines: string | Uint8Array;
}

/** Where finishCopyCsv finds the cells it compacts and checks (JSON), rewrites (times) and collects (hashes). */
const LAYOUT = {
  columns: CSV_COLUMNS.length,
  jsonColumns: new Set(
    CSV_COLUMNS.flatMap(([, field], i) => (["targets", "streams", "data", "metadata"].includes(field) ? [i] : [])),
  ),
  timeColumns: new Set(
    CSV_COLUMNS.flatMap(([, field], i) => (field === "recordedAt" || field === "occurredAt" ? [i] : [])),
  ),
  hashColumn: CSV_COLUMNS.findIndex(([, field]) => field === "hash"),
};

/**
 * The CSV lines of the next `limit` events past `after` (up to `upTo`, every tenant, no search):
 * byte for byte what csvLine writes for the rows readChainBatch reads, or null when this batch must
 * be formatted from its rows instead (what finishCopyCsv declines: a number or key JavaScript
 * writes otherwise than jsonb, a time it cannot rewrite exactly). Written by `COPY … TO STDOUT WITH
 * (FORMAT csv)` (export-sql.ts), finished by finishCopyCsv; PostgreSQL only (Database.copyOut).
 */
export async function readCsvBatch(
  db: Database,
  options: { after: string; upTo: string; limit: number },
): Promise<ExportBatch | null> {
  const copied = await copyEventRange(db, CSV_COPY_COLUMNS, options, "csv");
  if (!copied) return null;
  if (copied.rows === 0) return { count: 0, first: null, last: null, hashes: "", lines: "" };
  const finished = finishCopyCsv(copied.bytes, copied.rows, LAYOUT);
  return finished && { count: copied.rows, ...finished };
}
