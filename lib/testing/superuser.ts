import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { catchUpTree } from "../store/catch-up-tree";
import { EVENT_COLUMNS, type EventRecord, hashedFieldsOf } from "../store/event-record";
import { GENESIS_HASH, hashEvent } from "../store/hash-event";

// What a database superuser without the signing key can do to a test database, for the tests of
// what verification catches.

/** Runs `sql` with every trigger off for its transaction (the append-only guards included). */
export const tamper = (db: Database, sql: string) =>
  db.transaction((tx) => tx.exec(`SET LOCAL session_replication_role = replica; ${sql}`));

/** Rewrites history with `edit`, then re-hashes the whole chain and rebuilds the Merkle tree. */
export async function rewriteHistory(db: Database, edit: string): Promise<void> {
  await tamper(db, edit);
  const rows = await db.query<EventRecord>(Prisma.sql`SELECT ${EVENT_COLUMNS} FROM events e ORDER BY e.position`);
  let prev = GENESIS_HASH;
  const fixes = rows.map((row) => {
    const hash = hashEvent(prev, hashedFieldsOf(row));
    const fix = `UPDATE events SET prev_hash = '${prev}', hash = '${hash}' WHERE position = ${row.position};`;
    prev = hash;
    return fix;
  });
  await tamper(db, `${fixes.join("\n")} DELETE FROM merkle_nodes;`);
  await catchUpTree(db);
}
