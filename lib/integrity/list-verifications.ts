import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { WitnessStatus } from "./witness-status";

/** One whole-log run from the verification log, as the Integrity page shows it. */
export interface VerificationRun {
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  /** Events re-hashed: positions 1 to `headPosition`. */
  checked: number;
  headPosition: string | null;
  /** Tree heads (and legacy checkpoints) that matched the log. */
  headsOk: number;
  /** The first fault found, as recorded (null when the run passed). */
  firstBad: unknown;
  /** An API key id, "bootstrap-token" or "cli". */
  verifiedBy: string;
  /** How the witness stood against the database's heads; null for runs recorded before runs said so. */
  witnessStatus: WitnessStatus | null;
}

/**
 * The latest runs that checked the whole log, newest first. Range runs (`GET /api/verify?from=`)
 * and rows from before runs recorded their range and runner are left out: they cannot say the
 * log verified. The log is append-only but not signed: a record of runs, not evidence.
 */
export async function listVerifications(db: Database, limit: number): Promise<VerificationRun[]> {
  const rows = await db.query<{
    started_at: Date;
    finished_at: Date;
    ok: boolean;
    checked: string;
    head_position: string | null;
    first_bad: unknown;
    checkpoints_ok: number;
    verified_by: string;
    witness_status: WitnessStatus | null;
  }>(Prisma.sql`
    SELECT started_at, finished_at, ok, checked::text AS checked, head_position::text AS head_position, first_bad,
           checkpoints_ok, verified_by, witness_status
      FROM verifications WHERE whole_log AND verified_by IS NOT NULL
     ORDER BY finished_at DESC LIMIT ${limit}`);
  return rows.map((row) => ({
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: new Date(row.finished_at).toISOString(),
    ok: row.ok,
    checked: Number(row.checked),
    headPosition: row.head_position,
    headsOk: row.checkpoints_ok,
    firstBad: row.first_bad,
    verifiedBy: row.verified_by,
    witnessStatus: row.witness_status,
  }));
}
