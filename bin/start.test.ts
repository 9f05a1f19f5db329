import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

const exec = promisify(execFile);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-start-"));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** `npm start` as lib/testing/server-process.ts runs it; resolves with its exit code and output. */
async function start(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const options = { env: { ...process.env, DATABASE_URL: "", ...env }, timeout: 30_000 };
  return exec(process.execPath, ["--import", "tsx", "bin/start.ts"], options).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

// These never reach the build: the port and the environment are checked first, so they take
// seconds even when `.next` is stale, and they must not leave a data directory behind.
it("exits 1 with one line when the port is in use, before building, migrating or minting a key", async () => {
  const other = net.createServer();
  await new Promise<void>((resolve) => other.listen(0, resolve));
  const port = (other.address() as net.AddressInfo).port;
  const dataDir = path.join(temp, "busy-port");
  try {
    const result = await start({ PORT: String(port), TRAILBOOK_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Trailbook: port ${port} is already in use (EADDRINUSE); set PORT or stop the other server.\n`,
    );
    expect(result.stdout).toBe(""); // no "building once", no "ready", no admin key
    expect(fs.existsSync(dataDir)).toBe(false);
  } finally {
    other.close();
  }
});

it.each([
  ["PORT", "eighty", 'PORT must be a TCP port (got "eighty")'],
  ["TRAILBOOK_IDLE_TIMEOUT", "0", 'TRAILBOOK_IDLE_TIMEOUT must be a positive number of seconds (got "0")'],
  ["TRAILBOOK_RATE_LIMIT", "-1", 'TRAILBOOK_RATE_LIMIT must be requests per second (0 = off) (got "-1")'],
  [
    "TRAILBOOK_ADMIN_TOKEN",
    "short",
    "TRAILBOOK_ADMIN_TOKEN must be at least 32 characters (e.g. `openssl rand -base64 32`)",
  ],
])("exits 1 with one line naming a bad %s", async (name, value, message) => {
  const dataDir = path.join(temp, `bad-${name}`);
  const result = await start({ [name]: value, TRAILBOOK_DATA_DIR: dataDir });
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(`Trailbook: ${message}\n`);
  expect(fs.existsSync(dataDir)).toBe(false);
});
