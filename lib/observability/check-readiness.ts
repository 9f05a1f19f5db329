import "server-only";
import type { Database, DatabaseKind } from "../db/database";
import { Prisma } from "../db/generated/client";
import { pendingMigrations } from "../db/pending-migrations";
import { getSigningKey } from "../integrity/signing-key";
import { shutdownSignal } from "../lifecycle/shutdown-signal";

export type Readiness =
  | { ready: true; database: DatabaseKind; migrations: "applied"; signingKey: "present" }
  | { ready: false; missing: string[] };

/** How long the database may take to answer before the server counts as not ready. */
const DATABASE_TIMEOUT_MS = 5000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The database's part: it answers, and every migration on disk is applied. */
async function checkDatabase(open: () => Promise<Database>, missing: string[]): Promise<DatabaseKind | null> {
  let db: Database;
  try {
    db = await withTimeout(open(), DATABASE_TIMEOUT_MS);
    await withTimeout(db.query(Prisma.sql`SELECT 1`), DATABASE_TIMEOUT_MS);
  } catch {
    missing.push("database: not reachable");
    return null;
  }
  try {
    const pending = await withTimeout(pendingMigrations(db), DATABASE_TIMEOUT_MS);
    if (pending.length > 0) missing.push(`migrations: ${pending.length} pending (${pending.join(", ")})`);
  } catch {
    missing.push("migrations: the migration history cannot be read");
  }
  return db.kind;
}

/**
 * Whether this process should get traffic: not shutting down, the database reachable and fully
 * migrated, the signing key present. Says what is missing, never why in detail (it is public):
 * no connection strings, paths or driver messages.
 */
export async function checkReadiness(open: () => Promise<Database>): Promise<Readiness> {
  const missing: string[] = [];
  if (shutdownSignal().aborted) missing.push("server: shutting down");
  const kind = await checkDatabase(open, missing);
  try {
    getSigningKey();
  } catch {
    missing.push("signing key: not present (TRAILBOOK_SIGNING_KEY or signing-key.pem in the data directory)");
  }
  if (missing.length > 0 || kind === null) return { ready: false, missing };
  return { ready: true, database: kind, migrations: "applied", signingKey: "present" };
}
