import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import type { Database, DatabaseKind } from "../db/database";
import { migrate } from "../db/migrate";
import { openDatabase } from "../db/open-database";

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server we may create databases on. */
export const TEST_DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

const dropOnClose = new WeakMap<Database, () => Promise<void>>();

/**
 * A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped on dispose.
 * It also gets a witness directory of its own (TRAILBOOK_WITNESS_DIR), as a deployment has: heads
 * witnessed for one log must not be checked against another. Tests use one database at a time.
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<Database> {
  process.env.TRAILBOOK_WITNESS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-witness-"));
  if (kind === "pglite") {
    const db = await openDatabase({ kind: "pglite" });
    await migrate(db);
    return db;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const { url, drop } = await createPostgresDatabase(adminUrl);
  const db = await openDatabase({ kind: "postgres", url, poolSize: 20 });
  dropOnClose.set(db, drop);
  await migrate(db);
  return db;
}

/** A new, empty `trailbook_test_*` database on the server at `adminUrl`: its URL and how to drop it. */
export async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `trailbook_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

export async function disposeTestDatabase(db: Database): Promise<void> {
  await db.close();
  await dropOnClose.get(db)?.();
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `body` once per database kind, each against its own fresh database. */
export function describeEachDatabase(title: string, body: (db: () => Database, kind: DatabaseKind) => void): void {
  for (const kind of TEST_DATABASE_KINDS) {
    describe(`${title} [${kind}]`, () => {
      let db: Database | undefined;
      beforeAll(async () => {
        db = await createTestDatabase(kind);
      });
      afterAll(async () => {
        if (db) await disposeTestDatabase(db);
      });
      body(() => {
        if (!db) throw new Error("test database not ready");
        return db;
      }, kind);
    });
  }
}
