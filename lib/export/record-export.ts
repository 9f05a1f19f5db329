import "server-only";
import type { Principal } from "../auth/principal";
import type { Database } from "../db/database";
import { writerOf } from "../ingest/record-events";
import { appendEvents } from "../store/append-events";
import type { ExportSummary } from "./export-events";

/**
 * Every export is itself an audit event: who, which query and format, how many rows, their digest.
 * Attested with the exporting key as its writer, as `POST /api/events` attests the recording key.
 */
export async function recordExport(
  db: Database,
  principal: Principal,
  summary: ExportSummary & { q: string; format: string },
): Promise<void> {
  await appendEvents(
    db,
    {
      stream: "trailbook/exports",
      events: [
        {
          type: "trailbook.export",
          tenant: principal.tenant ?? undefined,
          actor: { id: principal.keyId ?? "bootstrap-admin-token", type: "api_key", name: principal.name },
          data: {
            query: summary.q,
            format: summary.format,
            rowCount: summary.count,
            rowsDigest: summary.rowsDigest,
            lastPosition: summary.lastPosition,
            completed: summary.completed,
          },
        },
      ],
    },
    { writer: writerOf(principal) },
  ).catch((error: unknown) => console.error("Could not record the export as an audit event", error));
}
