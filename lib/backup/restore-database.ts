import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { lockDataDir } from "../db/data-dir-lock";
import type { DatabaseTarget } from "../db/open-database";
import { run } from "./backup-database";

/**
 * Gathers the planner's statistics, which a dump does not carry (PostgreSQL 15): without them every
 * search on the restored log plans blind until autovacuum, if it is on, gets to the tables.
 */
async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup made by backupDatabase into an empty target: a data directory that does not
 * exist yet (or is empty), or an empty PostgreSQL database. It never overwrites a live log.
 */
export async function restoreDatabase(file: string, target: DatabaseTarget): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`No backup file ${file}`);
  if (target.kind === "postgres") {
    await run("pg_restore", ["--exit-on-error", "--single-transaction", "--no-owner", "--dbname", target.url, file]);
    return analyze(target.url);
  }
  if (!target.dataDir) throw new Error("Restoring needs a data directory");
  if (fs.existsSync(target.dataDir) && fs.readdirSync(target.dataDir).length > 0) {
    throw new Error(`${target.dataDir} is not empty; restore into a new directory (TRAILBOOK_DATA_DIR) instead`);
  }
  const unlock = lockDataDir(target.dataDir);
  try {
    const pglite = await PGlite.create({ dataDir: target.dataDir, loadDataDir: new Blob([fs.readFileSync(file)]) });
    await pglite.close();
  } finally {
    unlock();
  }
}
