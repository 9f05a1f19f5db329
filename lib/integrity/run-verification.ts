import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { VerifyOptions } from "../store/verify-chain";
import { trustedKeys } from "./trusted-keys";
import { type IntegrityResult, verifyIntegrity } from "./verify-integrity";

/**
 * Runs {@link verifyIntegrity} and writes its outcome to `verifications` (shown on the Integrity
 * page). This is the one verification that writes: `GET /api/verify`, *Verify now* and
 * `npm run verify` call it so every run leaves a record.
 */
export async function runVerification(db: Database, options: VerifyOptions = {}): Promise<IntegrityResult> {
  const startedAt = new Date().toISOString();
  const result = await verifyIntegrity(db, trustedKeys(), options);
  await db.query(Prisma.sql`
    INSERT INTO verifications (id, started_at, finished_at, ok, checked, head_position, first_bad, checkpoints_ok)
    VALUES (${randomUUID()}::uuid, ${startedAt}::timestamptz, ${result.verifiedAt}::timestamptz, ${result.ok},
            ${result.checked}, ${result.head?.position ?? null}::bigint,
            ${JSON.stringify(result.faults[0] ?? null)}::jsonb, ${result.treeHeads.ok + result.checkpoints.ok})`);
  return result;
}
