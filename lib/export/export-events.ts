import "server-only";
import { createHash } from "node:crypto";
import { type Principal, scopeOf } from "../auth/principal";
import type { Database } from "../db/database";
import { currentTreeHead } from "../integrity/current-tree-head";
import { proveInclusion } from "../integrity/prove-inclusion";
import type { SigningKey } from "../integrity/signing-key";
import { searchConditions } from "../query/build-where";
import { readChainBatch } from "../store/read-chain-batch";
import { scopeConditions } from "../store/tenant-scope";
import { CSV_COLUMNS, csvHeader, csvLine, type ExportRow, jsonLine } from "./export-format";
import { CSV_MANIFEST_MARK, type ExportManifest, manifestPayload } from "./export-manifest";
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
 * Prepares a streamed export of exactly the events the same search lists for this principal
 * (oldest first), as of a signed tree head taken when it starts: rows are at or below its size.
 * A filtered export's rows each carry their inclusion proof against that head. The query is
 * parsed and the first batch read before this resolves, so bad input is still a proper 4xx. The
 * returned generator then reads keyset batches only as fast as the
 * consumer takes them, and ends with the signed manifest. When it ends or is abandoned, the export
 * is recorded as a `trailbook.export` event (record-export.ts).
 */
export async function exportEvents(
  db: Database,
  principal: Principal,
  request: ExportRequest,
  key: SigningKey,
): Promise<AsyncGenerator<string>> {
  const where = [...searchConditions(request.q), ...scopeConditions(scopeOf(principal))];
  const contiguous = request.q.trim() === "" && principal.tenant === null;
  const treeHead = await currentTreeHead(db, key);
  const upTo = treeHead?.treeSize ?? "0";
  const readBatch = async (after: string): Promise<ExportRow[]> => {
    const rows = await readChainBatch(db, { after, upTo, where, limit: BATCH });
    if (contiguous || rows.length === 0) return rows;
    const proofs = await proveInclusion(
      db,
      rows.map((row) => row.position),
      Number(upTo),
    );
    return rows.map((row) => ({ ...row, inclusionProof: proofs.get(row.position) ?? [] }));
  };
  const first = await readBatch("0");

  return (async function* () {
    const digest = createHash("sha256");
    let count = 0;
    let firstPosition: string | null = null;
    let lastPosition: string | null = null;
    let completed = false;
    try {
      if (request.format === "csv") yield csvHeader(); // never an empty chunk: a pull must enqueue something
      for (let rows = first; rows.length > 0; rows = rows.length < BATCH ? [] : await readBatch(lastPosition!)) {
        let text = "";
        for (const row of rows) {
          text += request.format === "csv" ? csvLine(row) : jsonLine(row);
          digest.update(row.hash);
          firstPosition ??= row.position;
          lastPosition = row.position;
          count++;
        }
        yield text;
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
