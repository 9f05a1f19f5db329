import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { config } from "../lib/config";
import { migrate } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open-database";
import { signTreeHead } from "../lib/integrity/sign-tree-head";
import { getSigningKey } from "../lib/integrity/signing-key";
import type { IntegrityResult } from "../lib/integrity/verify-integrity";
import { witnessWarning } from "../lib/integrity/witness-status";
import { appendEvents } from "../lib/store/append-events";

const exec = promisify(execFile);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-verify-"));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** `npm run verify` on the embedded database in `dataDir`, reading the witness in `witnessDir`. */
async function verify(dataDir: string, witnessDir: string) {
  const env = {
    ...process.env,
    DATABASE_URL: "",
    TRAILBOOK_DATA_DIR: dataDir,
    TRAILBOOK_WITNESS_DIR: witnessDir,
    TRAILBOOK_KEYRING_DIR: config.keyringDir, // the test deployment's keyring, which trusts its key
  };
  const argv = ["--conditions=react-server", "--import", "tsx", "bin/verify.ts"];
  const { stdout, stderr } = await exec(process.execPath, argv, { env, timeout: 60_000 });
  return { result: JSON.parse(stdout.slice(stdout.indexOf("{"))) as IntegrityResult, stderr };
}

it("npm run verify passes with a warning naming the witness file when that file holds no heads", async () => {
  const dataDir = path.join(temp, "data");
  const witnessDir = path.join(temp, "witness");
  process.env.TRAILBOOK_WITNESS_DIR = witnessDir; // where this process witnesses the head it signs
  const db = await openDatabase({ kind: "pglite", dataDir });
  try {
    await migrate(db);
    await appendEvents(db, { events: [{ type: "A" }, { type: "B" }] });
    await signTreeHead(db, getSigningKey());
  } finally {
    await db.close();
  }
  const witnessed = await verify(dataDir, witnessDir);
  expect(witnessed.result).toMatchObject({ ok: true, witness: { heads: 1, status: "consistent" } });
  expect(witnessed.stderr).not.toContain("WARNING");

  const elsewhere = path.join(temp, "wrong-witness-dir");
  const unwitnessed = await verify(dataDir, elsewhere);
  expect(unwitnessed.result).toMatchObject({ ok: true, treeHeads: { checked: 1, ok: 1 } });
  expect(unwitnessed.result.witness).toEqual({ heads: 0, status: "missing", warning: witnessWarning("missing") });
  expect(unwitnessed.stderr).toContain(
    `\nWARNING: witness missing (${path.join(elsewhere, "tree-heads.jsonl")}). ${witnessWarning("missing")}\n`,
  );
});
