import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { lockDataDir } from "../lib/db/data-dir-lock";
import { Prisma } from "../lib/db/generated/client";
import { migrate } from "../lib/db/migrate";
import { type DatabaseTarget, openDatabase } from "../lib/db/open-database";
import { latestTreeHead } from "../lib/integrity/list-tree-heads";
import { signTreeHead } from "../lib/integrity/sign-tree-head";
import { getSigningKey } from "../lib/integrity/signing-key";
import { trustedKeys } from "../lib/integrity/trusted-keys";
import { verifyIntegrity } from "../lib/integrity/verify-integrity";
import { appendEvents } from "../lib/store/append-events";
import { readEvents } from "../lib/store/read-events";
import { verifyChain } from "../lib/store/verify-chain";
import { createPostgresDatabase, TEST_DATABASE_KINDS } from "../lib/testing/test-database";

const exec = promisify(execFile);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-backup-"));
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
  fs.rmSync(temp, { recursive: true, force: true });
});

/** Runs an npm script's program as `npm run <script>` does, with the database chosen by `env`. */
const script = (name: string, args: string[], env: Record<string, string>) =>
  exec(process.execPath, ["--conditions=react-server", "--import", "tsx", `bin/${name}.ts`, ...args], {
    env: { ...process.env, ...env },
  });

const envOf = (target: DatabaseTarget): Record<string, string> =>
  target.kind === "postgres" ? { DATABASE_URL: target.url } : { DATABASE_URL: "", TRAILBOOK_DATA_DIR: target.dataDir! };

async function newTarget(kind: string, name: string): Promise<DatabaseTarget> {
  if (kind === "pglite") return { kind: "pglite", dataDir: path.join(temp, name) };
  const database = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
  drops.push(database.drop);
  return { kind: "postgres", url: database.url };
}

describe.each(TEST_DATABASE_KINDS)("npm run backup / restore [%s]", (kind) => {
  it("restores a backup whose every event and hash equals the original, and whose chain verifies", async () => {
    // One witness for the source, restore and checks of this run (restore inherits the environment).
    process.env.TRAILBOOK_WITNESS_DIR = fs.mkdtempSync(path.join(temp, "witness-"));
    const source = await newTarget(kind, "source");
    const db = await openDatabase(source);
    await migrate(db);
    for (let i = 0; i < 5; i++) {
      await appendEvents(db, {
        stream: `Order-${i}`,
        events: Array.from({ length: 40 }, (_, n) => ({ type: "OrderLine", data: { i, n, note: "=SUM(A1)" } })),
      });
      if (i === 2) await signTreeHead(db, getSigningKey()); // head 1 covers 120 of the 200 events
    }
    const original = (await readEvents(db, { where: [], scope: "all-tenants", direction: "forward", limit: 1000 }))
      .items;
    await db.close();

    // A signing key kept in the data directory (the default) must not travel with the backup.
    if (source.kind === "pglite") {
      fs.writeFileSync(path.join(source.dataDir!, "signing-key.pem"), "PRIVATE KEY MATERIAL");
    }

    const file = path.join(temp, `${kind}.backup`);
    const backup = await script("backup", ["--out", file], envOf(source));
    expect(backup.stdout).toContain("Backup written to");
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    if (source.kind === "pglite") {
      const listing = (await exec("tar", ["-tzf", file])).stdout;
      expect(listing).toContain("PG_VERSION");
      expect(listing).not.toMatch(/signing-key|trailbook\.lock/);
    }

    const copy = await newTarget(kind, "restored");
    const restore = await script("restore", [file], envOf(copy));
    expect(restore.stdout).toContain("the log verifies, and tree head 2 covers it");
    if (copy.kind === "pglite") expect(fs.existsSync(path.join(copy.dataDir!, "signing-key.pem"))).toBe(false);

    const restored = await openDatabase(copy);
    try {
      if (copy.kind === "postgres") {
        // A dump carries no planner statistics: restore gathers them, or searches would plan blind.
        const [stats] = await restored.query<{ n: number }>(
          Prisma.sql`SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'events'`,
        );
        expect(stats!.n).toBeGreaterThan(0);
      }
      expect(await verifyChain(restored)).toMatchObject({ ok: true, checked: 200 });
      // Restore leaves a signed head over the whole restored log, continuing the backup's heads.
      expect(await latestTreeHead(restored)).toMatchObject({ seq: "2", treeSize: "200" });
      expect(await verifyIntegrity(restored, trustedKeys())).toMatchObject({
        ok: true,
        checked: 200,
        treeHeads: { checked: 2, ok: 2, latest: { seq: "2", treeSize: "200" } },
        witness: { heads: 2 },
      });
      const events = (
        await readEvents(restored, { where: [], scope: "all-tenants", direction: "forward", limit: 1000 })
      ).items;
      expect(events.map((e) => [e.id, e.position, e.hash])).toEqual(original.map((e) => [e.id, e.position, e.hash]));
      // The copy is a working log: the chain continues from the restored head.
      await appendEvents(restored, { stream: "After", events: [{ type: "Restored" }] });
      expect((await verifyChain(restored)).ok).toBe(true);
    } finally {
      await restored.close();
    }

    // It never restores over an existing log.
    const again = await script("restore", [file], envOf(copy)).catch((error) => error);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty|already exists|Restore failed/);
  });
});

it("refuses to back up an embedded database a running server holds", async () => {
  const dataDir = path.join(temp, "busy");
  const db = await openDatabase({ kind: "pglite", dataDir });
  await db.close();
  const unlock = lockDataDir(dataDir); // as the server does while it runs
  try {
    const result = await script("backup", ["--out", path.join(temp, "busy.tar.gz")], {
      DATABASE_URL: "",
      TRAILBOOK_DATA_DIR: dataDir,
    }).catch((error) => error);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in use by process \d+/);
  } finally {
    unlock();
  }
});
