import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildVerifier } from "./build-verifier";
import { VERIFIER_BUNDLE, VERIFIER_FILE_NAME } from "./bundle-file";
import {
  chainEvents,
  consistencyFor,
  manifestFor,
  receiptFor,
  renderExport,
  scratch,
  signHead,
  testKey,
} from "./export-fixture";

const committed = fs.readFileSync(VERIFIER_BUNDLE, "utf8");
const sha256 = createHash("sha256").update(fs.readFileSync(VERIFIER_BUNDLE)).digest("hex");

describe("the single-file verifier", () => {
  it("is exactly what `npm run build:verifier` builds from the sources (rebuild and commit it)", async () => {
    const built = createHash("sha256")
      .update(await buildVerifier())
      .digest("hex");
    expect(built, `${VERIFIER_BUNDLE} is stale: npm run build:verifier, then put its SHA-256 in the README`).toBe(
      sha256,
    );
  });

  it("has the SHA-256 the README states, in the form sha256sum prints", () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const stated = [...readme.matchAll(/^ *([0-9a-f]{64}) {2}trailbook-verify\.mjs$/gm)].map((match) => match[1]);
    expect(stated, "README, For auditors: the line `sha256sum trailbook-verify.mjs` prints").toEqual([sha256]);
  });

  it("imports nothing but Node's own modules, and holds no absolute path", () => {
    const imported = [...committed.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]!);
    expect(imported.length).toBeGreaterThan(3);
    expect(imported.filter((name) => !isBuiltin(name))).toEqual([]);
    expect(committed).not.toContain(process.cwd());
    expect(committed).not.toMatch(/require\(|import\(/);
  });
});

describe("run with node from a directory holding nothing else", () => {
  const files = scratch("bundle-run");
  afterAll(files.remove);
  const verifier = path.join(files.dir, VERIFIER_FILE_NAME);
  fs.copyFileSync(VERIFIER_BUNDLE, verifier);
  const key = testKey();
  const log = chainEvents(6);
  const head = signHead(key, log);
  const pem = files.write("key.pem", key.publicKeyPem);
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, [verifier, ...args], {
      cwd: files.dir,
      env: { NODE_ENV: "test", PATH: "" },
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

  it("verifies an export (exit 0) and fails a tampered one (exit 1)", async () => {
    const text = renderExport("csv", log, manifestFor(key, log, head, { format: "csv", contiguous: true }));
    const good = await run(files.write("export.csv", text), "--public-key", pem);
    expect(good).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^OK: 6 rows verified \(csv\), positions 1\.\.6\.\n/),
    });
    const stripped = files.write("stripped.csv", text.replace(",'-2,", ",-2,"));
    expect(await run("export", stripped, "--public-key", pem)).toEqual({
      code: 1,
      stdout:
        "FAILED: unguarded_formula: column actor_id starts with a formula character without its ' guard " +
        "(data row 2, position 2).\n",
    });
  });

  it("verifies a receipt and a consistency proof", async () => {
    expect(await run("receipt", files.write("r.json", receiptFor(log, head, 2)), "--public-key", pem)).toMatchObject({
      code: 0,
    });
    const old = files.write("old.json", signHead(key, log, { size: 3 }));
    const proof = files.write("proof.json", consistencyFor(log, 3, 6));
    const args = ["--old", old, "--new", files.write("new.json", head), "--proof", proof, "--public-key", pem];
    expect(await run("consistency", ...args)).toMatchObject({ code: 0 });
  });

  it("exits 2 with the usage for a command line it cannot run", async () => {
    const result = await run("--bogus");
    expect(result.code).toBe(2);
    expect((await run("--help")).stdout).toMatch(/^Usage:\n {2}node trailbook-verify\.mjs \[export\] FILE/);
  });
});
