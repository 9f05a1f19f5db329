import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { lockDataDir } from "../lib/db/data-dir-lock";

const exec = promisify(execFile);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-cli-"));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** Runs `bin/<name>.ts` as its npm script does, on the embedded database in `dataDir`. */
async function command(name: string, args: string[], dataDir: string) {
  const env = { ...process.env, DATABASE_URL: "", TRAILBOOK_DATA_DIR: dataDir };
  const argv = ["--conditions=react-server", "--import", "tsx", `bin/${name}.ts`, ...args];
  return exec(process.execPath, argv, { env, timeout: 30_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

const lines = (text: string) => text.split("\n").filter(Boolean);
const STACK_LINE = /^\s+at /m;

describe("a command on an embedded database a running server holds", () => {
  it.each([
    ["seed", ["--events", "1"]],
    ["verify", []],
    ["keys", ["list"]],
    ["migrate", []],
  ])("npm run %s prints one line naming the holding process and exits 1", async (name, args) => {
    const dataDir = path.join(temp, `locked-${name}`);
    const unlock = lockDataDir(dataDir); // as the server does while it runs
    try {
      const result = await command(name, args, dataDir);
      expect(result.code).toBe(1);
      expect(lines(result.stderr)).toEqual([expect.stringMatching(/^Trailbook: .* in use by process \d+/)]);
      expect(result.stderr).toContain(`in use by process ${process.pid}`);
      expect(result.stderr).not.toMatch(STACK_LINE);
    } finally {
      unlock();
    }
  });
});

it("an unknown option prints the message and the usage, and exits 2 before opening the database", async () => {
  const dataDir = path.join(temp, "usage");
  const result = await command("seed", ["--events", "1", "--bogus"], dataDir);
  expect(result.code).toBe(2);
  expect(lines(result.stderr)).toEqual([
    "Trailbook: Unknown option '--bogus'",
    "Usage: npm run seed -- [--events 5000] [--seed 42]",
  ]);
  expect(fs.existsSync(dataDir)).toBe(false);
});

it("an application error (no such key) prints one line and exits 1", async () => {
  const result = await command("keys", ["revoke", "no-such-key"], path.join(temp, "app-error"));
  expect(result.code).toBe(1);
  expect(result.stderr).toBe("Trailbook: API key no-such-key not found\n");
});
