import "server-only";
import { createHash } from "node:crypto";
import { type Principal, scopeOf } from "../auth/principal";
import type { Database } from "../db/database";
import { createCheckpoint } from "../integrity/create-checkpoint";
import { listCheckpoints } from "../integrity/list-checkpoints";
import type { SigningKey } from "../integrity/signing-key";
import { searchConditions } from "../query/build-where";
import { readChainBatch } from "../store/read-chain-batch";
import { scopeConditions } from "../store/tenant-scope";
import { CSV_COLUMNS, csvHeader, csvLine, jsonLine } from "./export-format";
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
 * (oldest first). The query is parsed and the first batch read before this resolves, so bad input
 * is still a proper 4xx. The returned generator then reads keyset batches only as fast as the
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
  const readBatch = (after: string) => readChainBatch(db, { after, where, limit: BATCH });
  const first = await readBatch("0");

  return (async function* () {
    const digest = createHash("sha256");
    let count = 0;
    let firstPosition: string | null = null;
    let lastPosition: string | null = null;
    let completed = false;
    try {
      yield request.format === "csv" ? csvHeader() : "";
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
      const [covering] = lastPosition === null ? [] : await listCheckpoints(db, { limit: 1 });
      const checkpoint =
        covering && lastPosition !== null && BigInt(covering.position) >= BigInt(lastPosition)
          ? covering
          : await createCheckpoint(db, key);
      const body: Omit<ExportManifest, "signature"> = {
        trailbook: "export",
        version: 1,
        format: request.format,
        query: request.q,
        tenant: principal.tenant,
        count,
        firstPosition,
        lastPosition,
        contiguous: request.q.trim() === "" && principal.tenant === null,
        rowsDigest: digest.copy().digest("hex"),
        checkpoint,
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
