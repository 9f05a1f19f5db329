import "server-only";
import { createHash } from "node:crypto";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { createCheckpoint, listCheckpoints } from "../integrity/create-checkpoint";
import type { SigningKey } from "../integrity/signing-key";
import { buildWhere } from "../query/build-where";
import { parseQuery } from "../query/parse-query";
import { CHAIN_COLUMNS, hashedFieldsOf, type ChainRow } from "../store/chain-row";
import { CSV_MANIFEST_MARK, manifestPayload, type ExportManifest } from "./export-manifest";
import { CSV_COLUMNS, csvHeader, csvLine, jsonLine, type ExportRow } from "./export-format";

export interface ExportRequest {
  q: string;
  format: "csv" | "jsonl";
  tenant: string | null;
}

export interface ExportSummary {
  count: number;
  rowsDigest: string;
  lastPosition: string | null;
  completed: boolean;
}

const BATCH = 1000;

/**
 * Prepares a streamed export of exactly the events the same search lists (oldest first). The query
 * is parsed and the first batch read before this resolves, so bad input is still a proper 4xx.
 * The returned generator then reads keyset batches only as fast as the consumer takes them, and
 * ends with the signed manifest. `onDone` runs once, when the export ends or is abandoned.
 */
export async function startExport(
  db: Database,
  request: ExportRequest,
  key: SigningKey,
  onDone: (summary: ExportSummary) => Promise<void>,
): Promise<AsyncGenerator<string>> {
  const conditions = buildWhere(parseQuery(request.q));
  if (request.tenant !== null) conditions.push(Prisma.sql`e.tenant = ${request.tenant}`);
  const readBatch = (after: string) =>
    db.query<ChainRow>(Prisma.sql`
      SELECT ${CHAIN_COLUMNS} FROM events e
       WHERE ${Prisma.join([...conditions, Prisma.sql`e.position > ${after}::bigint`], " AND ")}
       ORDER BY e.position LIMIT ${BATCH}`);
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
          const exported: ExportRow = { ...hashedFieldsOf(row), hash: row.hash, prevHash: row.prev_hash };
          text += request.format === "csv" ? csvLine(exported) : jsonLine(exported);
          digest.update(row.hash);
          firstPosition ??= row.position;
          lastPosition = row.position;
          count++;
        }
        yield text;
      }
      const [covering] = lastPosition === null ? [] : await listCheckpoints(db, { limit: 1 });
      const checkpoint = covering && lastPosition !== null && BigInt(covering.position) >= BigInt(lastPosition) ? covering : await createCheckpoint(db, key);
      const body: Omit<ExportManifest, "signature"> = {
        trailbook: "export",
        version: 1,
        format: request.format,
        query: request.q,
        tenant: request.tenant,
        count,
        firstPosition,
        lastPosition,
        contiguous: request.q.trim() === "" && request.tenant === null,
        rowsDigest: digest.copy().digest("hex"),
        checkpoint,
        exportedAt: new Date().toISOString(),
        keyId: key.keyId,
      };
      const manifest: ExportManifest = { ...body, signature: key.sign(manifestPayload(body)) };
      completed = true;
      yield request.format === "csv"
        ? `${CSV_MANIFEST_MARK},"${JSON.stringify(manifest).replaceAll('"', '""')}"${",".repeat(CSV_COLUMNS.length - 2)}\r\n`
        : `${JSON.stringify({ manifest })}\n`;
    } finally {
      await onDone({ count, rowsDigest: digest.digest("hex"), lastPosition, completed });
    }
  })();
}
