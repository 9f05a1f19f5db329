import "server-only";
import type { Database } from "../db/database";
import { copyEventRange } from "../store/copy-event-range";
import { JSONL_COPY_COLUMNS, JSONL_COPY_FIELDS } from "./export-sql";
import { finishCopyJsonl } from "./finish-copy-jsonl";
import type { ExportBatch } from "./read-csv-batch";

/** Where finishCopyJsonl writes JSON text (jsonb) and collects hashes, and how each line ends. */
const LAYOUT = {
  fields: JSONL_COPY_FIELDS,
  jsonColumns: new Set(
    JSONL_COPY_FIELDS.flatMap((field, i) => (["targets", "streams", "data", "metadata"].includes(field) ? [i] : [])),
  ),
  timeColumns: new Set([JSONL_COPY_FIELDS.indexOf("recordedAt"), JSONL_COPY_FIELDS.indexOf("occurredAt")]),
  // uuids (36 characters) and hashes (64 hex digits, by a table constraint)
  fixedColumns: new Map(
    (
      [
        ["id", 36],
        ["causationId", 36],
        ["hash", 64],
        ["prevHash", 64],
      ] as const
    ).map(([field, length]) => [JSONL_COPY_FIELDS.indexOf(field), length]),
  ),
  hashColumn: JSONL_COPY_FIELDS.indexOf("hash"),
  tail: `,"inclusionProof":null`,
};

/**
 * The JSONL lines of the next `limit` events past `after` (up to `upTo`, every tenant, no search):
 * byte for byte what jsonLine writes for the rows readChainBatch reads, or null when this batch must
 * be formatted from its rows instead (a number or key JavaScript writes otherwise than jsonb, or a
 * control character in a text: finishCopyJsonl declines those).
 * Written by `COPY … TO STDOUT` in text format of the stored columns (export-sql.ts), finished by
 * finishCopyJsonl; PostgreSQL only (Database.copyOut).
 */
export async function readJsonlBatch(
  db: Database,
  options: { after: string; upTo: string; limit: number },
): Promise<ExportBatch | null> {
  const copied = await copyEventRange(db, JSONL_COPY_COLUMNS, options, "text");
  if (!copied) return null;
  if (copied.rows === 0) return { count: 0, first: null, last: null, hashes: "", lines: "" };
  const finished = finishCopyJsonl(copied.bytes, copied.rows, LAYOUT);
  return finished && { count: copied.rows, ...finished };
}
