import pg from "pg";
import type { Database } from "../lib/db/database";
import { migrate } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open-database";

export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * A fresh, migrated PostgreSQL database for one benchmark run, dropped by `drop()`; or, with
 * BENCH_STORE_URL, that database, kept (a store seeded by an earlier run is only topped up).
 */
export async function freshPostgres(): Promise<{ db: Database; url: string; drop: () => Promise<void> }> {
  const kept = process.env.BENCH_STORE_URL;
  if (kept) {
    const db = await openDatabase({ kind: "postgres", url: kept, poolSize: 20 });
    await migrate(db);
    return { db, url: kept, drop: () => db.close() };
  }
  const name = `trailbook_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 20 });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      const again = new pg.Client({ connectionString: ADMIN_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/** A fresh in-memory PGlite database. */
export async function freshPGlite(): Promise<Database> {
  const db = await openDatabase({ kind: "pglite" });
  await migrate(db);
  return db;
}
