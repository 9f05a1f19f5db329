import "server-only";
import { type Config, config } from "../config";
import type { Database } from "./database";
import { migrate } from "./migrate";
import { type DatabaseTarget, openDatabase } from "./open-database";

/** Reads the deployment's choice: PostgreSQL when DATABASE_URL is set, else PGlite in TRAILBOOK_DATA_DIR (./data). */
export function targetFromEnv(
  settings: Pick<Config, "databaseUrl" | "dataDir" | "statementTimeoutMs"> = config,
): DatabaseTarget {
  if (settings.databaseUrl) {
    return { kind: "postgres", url: settings.databaseUrl, statementTimeoutMs: settings.statementTimeoutMs };
  }
  return { kind: "pglite", dataDir: settings.dataDir };
}

// Cached on globalThis: Next's dev server re-evaluates modules, and a second PGlite on the
// same directory in one process would corrupt it.
const cache = globalThis as typeof globalThis & { trailbookDatabase?: Promise<Database> };

/** The process-wide database, opened and migrated on first use. */
export function getDatabase(): Promise<Database> {
  cache.trailbookDatabase ??= (async () => {
    const db = await openDatabase(targetFromEnv());
    try {
      await migrate(db);
      return db;
    } catch (error) {
      await db.close();
      throw error;
    }
  })().catch((error) => {
    cache.trailbookDatabase = undefined;
    throw error;
  });
  return cache.trailbookDatabase;
}

/** Makes `db` the process database: for tests, and for programs embedding Trailbook's routes. */
export function setDatabase(db: Database): void {
  cache.trailbookDatabase = Promise.resolve(db);
}

/** The process database if it was opened (or is being opened), else null; never opens one. */
export async function openedDatabase(): Promise<Database | null> {
  return cache.trailbookDatabase ? cache.trailbookDatabase.catch(() => null) : null;
}
