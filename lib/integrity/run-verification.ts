import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { VerifyOptions } from "../store/verify-chain";
import { trustedKeys } from "./trusted-keys";
import { type IntegrityResult, verifyIntegrity } from "./verify-integrity";

/**
 * Runs {@link verifyIntegrity} and appends its outcome to the verification log (`verifications`,
 * append-only; shown on the Integrity page when it covered the whole log). This is the one
 * verification that writes: `GET /api/verify`, *Verify now* and `npm run verify` call it so every
 * run leaves a record of what it covered, who ran it (`by`: an API key id, "bootstrap-token" or
 * "cli") and how the witness stood.
 */
export async function runVerification(db: Database, by: string, options: VerifyOptions = {}): Promise<IntegrityResult> {
  const startedAt = new Date().toISOString();
  const result = await verifyIntegrity(db, trustedKeys(), options);
  const wholeLog = options.from === undefined && options.to === undefined;
  await db.query(Prisma.sql`
    INSERT INTO verifications (id, started_at, finished_at, ok, checked, head_position, first_bad, checkpoints_ok,
                               whole_log, from_position, verified_by, witness_status)
    VALUES (${randomUUID()}::uuid, ${startedAt}::timestamptz, ${result.verifiedAt}::timestamptz, ${result.ok},
            ${result.checked}, ${result.head?.position ?? null}::bigint,
            ${JSON.stringify(result.faults[0] ?? null)}::jsonb, ${result.treeHeads.ok + result.checkpoints.ok},
            ${wholeLog}, ${String(options.from ?? 1)}::bigint, ${by}, ${result.witness.status})`);
  return result;
}
