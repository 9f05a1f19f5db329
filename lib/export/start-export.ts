import "server-only";
import { createHash } from "node:crypto";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { createCheckpoint } from "../integrity/create-checkpoint";
import { listCheckpoints } from "../integrity/list-checkpoints";
import type { SigningKey } from "../integrity/signing-key";
import { buildWhere } from "../query/build-where";
import { parseQuery } from "../query/parse-query";
import type { ChainRow } from "../store/chain-row";
import { CSV_MANIFEST_MARK, manifestPayload, type ExportManifest } from "./export-manifest";
import { CSV_COLUMNS, csvHeader, csvLine, jsonLine, RawJson, type OutgoingRow } from "./export-format";

/** A chain row with its JSON columns still as PostgreSQL's text. */
type ExportedRow = Omit<ChainRow, "data" | "metadata" | "targets" | "streams"> & { data: string; metadata: string; targets: string; streams: string };

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

const BATCH = 2000;

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
    db.query<ExportedRow>(Prisma.sql`
      SELECT e.position::text AS position, e.id::text AS id, e.type, e.tenant, e.actor_id, e.actor_type, e.actor_name,
             e.correlation_id, e.causation_id::text AS causation_id, e.trace_id, e.occurred_at, e.recorded_at, e.prev_hash, e.hash,
             e.data::text AS data, e.metadata::text AS metadata, e.targets::text AS targets, e.streams::text AS streams
        FROM events e
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
          const exported: OutgoingRow = {
            position: row.position,
            id: row.id,
            recordedAt: row.recorded_at.toISOString(),
            occurredAt: row.occurred_at.toISOString(),
            type: row.type,
            tenant: row.tenant,
            actorId: row.actor_id,
            actorType: row.actor_type,
            actorName: row.actor_name,
            targets: new RawJson(row.targets),
            streams: new RawJson(row.streams),
            correlationId: row.correlation_id,
            causationId: row.causation_id,
            traceId: row.trace_id,
            data: new RawJson(row.data),
            metadata: new RawJson(row.metadata),
            hash: row.hash,
            prevHash: row.prev_hash,
          };
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
