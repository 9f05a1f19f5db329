import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { createTestDatabase, disposeTestDatabase, TEST_DATABASE_KINDS } from "../testing/test-database";
import type { Database } from "./database";
import { MIGRATIONS_DIR, migrate } from "./migrate";
import { openDatabase } from "./open-database";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshDatabase(kind: (typeof TEST_DATABASE_KINDS)[number]): Promise<Database> {
  const db = await createTestDatabase(kind);
  cleanups.push(() => disposeTestDatabase(db));
  return db;
}

function copyOfMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-migrations-"));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

for (const kind of TEST_DATABASE_KINDS) {
  it(`[${kind}] records applied migrations like Prisma and applies nothing twice`, async () => {
    const db = await freshDatabase(kind);
    expect(await migrate(db)).toEqual([]);
    const rows = await db.transaction((tx) =>
      tx.exec(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`),
    );
    expect(rows.map((row) => row.migration_name)).toEqual(
      fs.readdirSync(MIGRATIONS_DIR).filter((name) => /^\d{14}_/.test(name)),
    );
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(String(row.checksum)) && row.finished_at)).toBe(true);
  });

  it(`[${kind}] applies a new migration, and refuses one that was edited after it ran`, async () => {
    const db = await freshDatabase(kind);
    const dir = copyOfMigrations();
    fs.mkdirSync(path.join(dir, "20991231000000_extra"));
    fs.writeFileSync(path.join(dir, "20991231000000_extra", "migration.sql"), "CREATE TABLE extra (x int);");
    expect(await migrate(db, dir)).toEqual(["20991231000000_extra"]);
    fs.appendFileSync(path.join(dir, "20991231000000_extra", "migration.sql"), "\n-- edited");
    await expect(migrate(db, dir)).rejects.toThrow(/was changed after it was applied/);
  });

  it(`[${kind}] rolls back a failing migration completely`, async () => {
    const db = await freshDatabase(kind);
    const dir = copyOfMigrations();
    fs.mkdirSync(path.join(dir, "20991231000000_broken"));
    fs.writeFileSync(
      path.join(dir, "20991231000000_broken", "migration.sql"),
      "CREATE TABLE half (x int); SELECT * FROM nowhere;",
    );
    await expect(migrate(db, dir)).rejects.toThrow(/nowhere/);
    const tables = await db.transaction((tx) => tx.exec(`SELECT to_regclass('half') AS t`));
    expect(tables[0]?.t).toBeNull();
  });
}

it("[pglite] lets one process at a time open a data directory", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-data-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const first = await openDatabase({ kind: "pglite", dataDir: dir });
  await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toThrow(/in use by process/);
  await first.close();
  fs.writeFileSync(path.join(dir, "trailbook.lock"), "999999999"); // left behind by a dead process
  const second = await openDatabase({ kind: "pglite", dataDir: dir });
  await migrate(second);
  await second.close();
});
