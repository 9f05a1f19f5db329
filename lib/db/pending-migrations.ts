import "server-only";
import fs from "node:fs";
import type { Queryable } from "./database";
import { Prisma } from "./generated/client";
import { MIGRATIONS_DIR } from "./migrate";

/** The migrations in `dir` that the database has not applied (migrate.ts applies them in name order). */
export async function pendingMigrations(db: Queryable, dir = MIGRATIONS_DIR): Promise<string[]> {
  const rows = await db.query<{ name: string }>(Prisma.sql`
    SELECT migration_name AS name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`);
  const applied = new Set(rows.map((row) => row.name));
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !applied.has(entry.name))
    .map((entry) => entry.name)
    .sort();
}
