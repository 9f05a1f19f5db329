import "server-only";
import type { Database } from "../db/database";
import type { Prisma } from "../db/generated/client";
import { proveInclusion } from "../integrity/prove-inclusion";
import { readChainBatch } from "../store/read-chain-batch";
import { csvLine, type ExportRow, jsonLine } from "./export-format";
import { type ExportBatch, readCsvBatch } from "./read-csv-batch";
import { readJsonlBatch } from "./read-jsonl-batch";

export interface ExportBatchOptions {
  /** Exclusive: rows above this position. */
  after: string;
  /** Inclusive: rows at or below this position. */
  upTo: string;
  /** The search and tenant conditions on `events e`; none for a contiguous export. */
  where: Prisma.Sql[];
  /** Every event up to the tree head: rows carry no inclusion proofs. */
  contiguous: boolean;
  /** The tree size the proofs of a filtered export are against. */
  treeSize: string;
  format: "csv" | "jsonl";
  limit: number;
}

/**
 * The export lines of the next `limit` rows past `after`, up to `upTo`. A contiguous batch on
 * PostgreSQL is written by COPY (read-csv-batch.ts, read-jsonl-batch.ts) unless it holds what COPY
 * cannot write as csvLine or jsonLine does; every other batch is read as rows and formatted here,
 * a filtered export's rows each with its inclusion proof.
 */
export async function readExportBatch(db: Database, options: ExportBatchOptions): Promise<ExportBatch> {
  const { after, upTo, limit } = options;
  if (db.copyOut && options.contiguous) {
    const read = options.format === "csv" ? readCsvBatch : readJsonlBatch;
    const copied = await read(db, { after, upTo, limit });
    if (copied) return copied;
  }
  let rows: ExportRow[] = await readChainBatch(db, { after, upTo, where: options.where, limit });
  if (!options.contiguous && rows.length > 0) {
    const proofs = await proveInclusion(
      db,
      rows.map((row) => row.position),
      Number(options.treeSize),
    );
    rows = rows.map((row) => ({ ...row, inclusionProof: proofs.get(row.position) ?? [] }));
  }
  const format = options.format === "csv" ? csvLine : jsonLine;
  return {
    count: rows.length,
    first: rows[0]?.position ?? null,
    last: rows.at(-1)?.position ?? null,
    hashes: rows.map((row) => row.hash).join(""),
    lines: rows.map(format).join(""),
  };
}
