import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";

/** The latest recorded verification, or null before the first. */
export async function latestVerification(db: Database) {
  const [row] = await db.query<{
    finished_at: Date;
    ok: boolean;
    checked: string;
    head_position: string | null;
    first_bad: unknown;
    checkpoints_ok: number;
  }>(Prisma.sql`
    SELECT finished_at, ok, checked::text AS checked, head_position::text AS head_position, first_bad, checkpoints_ok
      FROM verifications ORDER BY finished_at DESC LIMIT 1`);
  return row
    ? {
        verifiedAt: row.finished_at.toISOString(),
        ok: row.ok,
        checked: Number(row.checked),
        headPosition: row.head_position,
        firstBad: row.first_bad,
        checkpointsOk: row.checkpoints_ok,
      }
    : null;
}
