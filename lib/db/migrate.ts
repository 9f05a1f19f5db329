import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "./database";

/** Where the SQL migration history lives, in Prisma's layout: `<dir>/<timestamp>_<name>/migration.sql`. */
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** Any fixed 64-bit number; every Trailbook process that migrates takes this lock first. */
const MIGRATION_LOCK_KEY = 7_411_902_615;
const SAFE_NAME = /^[0-9]{14}_[a-z0-9_]+$/;

// Same shape as the table `prisma migrate` keeps, so Prisma's own tooling can read our history.
const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

function readMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      if (!SAFE_NAME.test(name)) throw new Error(`Migration folder name ${name} must look like 20260101000000_name`);
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies pending migrations in name order, all in one transaction under an advisory lock, so two
 * processes starting at once cannot both apply one, and a failing migration leaves nothing behind.
 * Refuses to run when an applied migration's file has changed since: history is never rewritten.
 * Returns the names applied by this call.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(dir);
  return db.transaction(async (tx) => {
    // A migration may rewrite a large table: no statement timeout for it (TRAILBOOK_STATEMENT_TIMEOUT).
    await tx.exec(
      `SET LOCAL statement_timeout = 0; SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}); ${CREATE_HISTORY}`,
    );
    const rows = await tx.exec(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
        WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
    );
    const applied = new Map(rows.map((row) => [String(row.migration_name), String(row.checksum)]));
    for (const { name, checksum } of migrations) {
      const seen = applied.get(name);
      if (seen !== undefined && seen !== checksum) {
        throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead.`);
      }
    }
    const pending = migrations.filter((migration) => !applied.has(migration.name));
    for (const { name, sql, checksum } of pending) {
      await tx.exec(sql);
      // name and checksum are validated ([0-9a-z_] and hex), so inlining them is safe.
      await tx.exec(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ('${randomUUID()}', '${checksum}', now(), '${name}', 1)`,
      );
    }
    return pending.map((migration) => migration.name);
  });
}
