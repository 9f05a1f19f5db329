import { execFile, spawn } from "node:child_process";
import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, expect } from "vitest";
import { TrailbookClient } from "@/lib/client/trailbook-client";
import { Prisma } from "@/lib/db/generated/client";
import { keyIdOf } from "@/lib/integrity/checkpoint-signature";
import type { IntegrityResult } from "@/lib/integrity/verify-integrity";
import { type ServerProcess, startServer } from "@/lib/testing/server-process";
import { createPostgresDatabase } from "@/lib/testing/test-database";
import type { SignedTreeHead } from "@/lib/transparency/tree-head";
import { freePort } from "../lib/testing/free-port";

// The harness of superuser-attacks.test.ts: a golden log written by the production server over HTTP,
// cloned per scenario, and the attacker's and the operator's tools.

// An attacker who is a PostgreSQL superuser (triggers off, any row rewritten) but holds neither the
// signing key nor the data directory, against the production server and the real `npm run verify`.
// One log is written over HTTP once (50 events in 5 streams, heads at sizes 10, 30 and 50); each
// scenario attacks its own copy of it (CREATE DATABASE … TEMPLATE, and a copy of the data directory).

export const exec = promisify(execFile);
// The local server unless told otherwise: this suite never skips (CI and every machine here have one).
export const ADMIN_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
export const ADMIN_TOKEN = `superuser-${randomUUID()}`;
export const BATCHES = 5;
export const BATCH = 10;
export const TOTAL = BATCHES * BATCH;

/** A log: its database and its data directory (signing-key.pem, keyring/, witness/). */
export interface Log {
  url: string;
  dataDir: string;
  env: Record<string, string>;
}

export const cleanups: (() => Promise<void>)[] = [];
export const running = new Set<ServerProcess>();

afterAll(async () => {
  for (const server of running) await server.kill("SIGKILL");
  killStrays();
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
});

/**
 * startServer leaves its child running when the server does not answer in time (it throws without
 * killing it): kill any server process group of this run, known by this run's own admin token.
 */
export function killStrays(): void {
  for (const entry of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (environ.includes(`TRAILBOOK_ADMIN_TOKEN=${ADMIN_TOKEN}`)) process.kill(-Number(entry), "SIGKILL");
    } catch {
      /* exited, not ours, or not a group leader */
    }
  }
}

export function logAt(url: string, dataDir: string): Log {
  return {
    url,
    dataDir,
    // Everything explicit: the test process has its own TRAILBOOK_SIGNING_KEY (lib/testing/setup.ts),
    // which would otherwise reach the children; the key must come from the data directory, as deployed.
    env: {
      DATABASE_URL: url,
      TRAILBOOK_DATA_DIR: dataDir,
      TRAILBOOK_SIGNING_KEY: "",
      TRAILBOOK_KEYRING_DIR: "",
      TRAILBOOK_WITNESS_DIR: "",
      TRAILBOOK_WITNESS_URLS: "",
      TRAILBOOK_ADMIN_TOKEN: ADMIN_TOKEN,
      TRAILBOOK_RATE_LIMIT: "0",
      TRAILBOOK_CHECKPOINT_EVERY: "20",
      // No head by age during a test: every head is signed by the 20-event policy or on request.
      TRAILBOOK_CHECKPOINT_SECONDS: "3600",
    },
  };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** What a superuser does: append-only triggers off for the session, then `work` in one transaction. */
export function asSuperuser<T>(log: Log, work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(log.url, async (client) => {
    await client.query("SET session_replication_role = replica");
    await client.query("BEGIN");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  });
}

/** A statement built with Prisma's `sql` tag (as the store builds them), run on the attacker's connection. */
export const run = <T>(client: pg.Client, statement: Prisma.Sql) =>
  client.query(statement.text, statement.values).then((result) => result.rows as T[]);

export async function start(log: Log): Promise<ServerProcess> {
  const server = await startServer({ port: await freePort(), env: log.env });
  running.add(server);
  return server;
}

export async function stop(server: ServerProcess): Promise<void> {
  await server.kill("SIGTERM");
  running.delete(server);
}

/** `npm start` that is expected to refuse: its exit code and what it printed (killed after 5 minutes). */
export async function startRefused(log: Log): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/start.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(await freePort()), ...log.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 300_000);
  const code = await new Promise<number | null>((resolve) => child.once("close", (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** The one line a failed command prints (lib/cli/run-command.ts), among whatever Next printed first. */
export const commandError = (stderr: string) =>
  stderr.split("\n").find((line) => line.startsWith("Trailbook: ")) ?? stderr;

/** `npm run <script> -- args` as an operator runs it: exit code and output. */
export async function npmRun(
  log: Log,
  script: "verify" | "keys",
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = ["--conditions=react-server", "--import", "tsx", `bin/${script}.ts`, ...args];
  const env = { ...process.env, ...log.env };
  return exec(process.execPath, argv, { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

/** `npm run verify`: the IntegrityResult it prints, and its exit code. */
export async function verify(log: Log): Promise<{ code: number; result: IntegrityResult }> {
  const { code, stdout, stderr } = await npmRun(log, "verify");
  const json = stdout.slice(stdout.indexOf("{"));
  if (!json) throw new Error(`verify printed no result (exit ${code}): ${stderr}`);
  return { code, result: JSON.parse(json) as IntegrityResult };
}

/** `GET /api/verify` on a running server. */
export async function verifyOverHttp(server: ServerProcess): Promise<IntegrityResult> {
  const response = await fetch(`${server.url}/api/verify`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as IntegrityResult;
}

/** Each fault as `kind@position` or `kind@head seq`: the verdict an operator reads. */
export const verdicts = (result: IntegrityResult) =>
  result.faults.map((f) => `${f.kind}@${f.position ?? (f.seq === undefined ? "-" : `head ${f.seq}`)}`);

export async function signHead(server: ServerProcess): Promise<SignedTreeHead> {
  const response = await fetch(`${server.url}/api/checkpoints`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { treeHead: SignedTreeHead }).treeHead;
}

/** `count` batches of 10 events over HTTP, batch b appended to stream `Account-<first + b>`. */
export async function writeBatches(server: ServerProcess, first: number, count: number): Promise<void> {
  const client = new TrailbookClient({ baseUrl: server.url, key: ADMIN_TOKEN });
  for (let b = first; b < first + count; b++) {
    const events = Array.from({ length: BATCH }, (_, i) => ({
      type: "Payment",
      actor: { id: `clerk-${b}`, type: "user" },
      data: { account: b, amount: (i + 1) * 10 },
    }));
    await client.record(events, { stream: `Account-${b}`, expectedVersion: "none" });
  }
}

export function readHeads(log: Log): Promise<SignedTreeHead[]> {
  return withClient(log.url, (client) =>
    run<SignedTreeHead>(
      client,
      Prisma.sql`SELECT seq::text AS seq, tree_size::text AS "treeSize", key_id AS "keyId", root_hash AS "rootHash",
                        head_hash AS "headHash", signature, prev_head_hash AS "prevHeadHash",
                        to_char(signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS timestamp
                   FROM tree_heads ORDER BY seq`,
    ),
  );
}

export const witnessLines = (log: Log) =>
  fs
    .readFileSync(path.join(log.dataDir, "witness", "tree-heads.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SignedTreeHead);

export const keyringIds = (log: Log) =>
  fs
    .readdirSync(path.join(log.dataDir, "keyring"))
    .map((name) => name.replace(/\.pub\.pem$/, ""))
    .sort();

export const signingKeyFile = (log: Log) => path.join(log.dataDir, "signing-key.pem");

export function newKey(): { privateKey: KeyObject; pem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return { privateKey, pem, keyId: keyIdOf(publicKey.export({ type: "spki", format: "pem" }).toString()) };
}

export let golden: (Log & { name: string }) | undefined;

/** The log every scenario starts from, written once over HTTP by the production server. */
beforeAll(async () => {
  if (!ADMIN_URL) return;
  const database = await createPostgresDatabase(ADMIN_URL);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-superuser-"));
  cleanups.push(database.drop, async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  golden = { ...logAt(database.url, dataDir), name: new URL(database.url).pathname.slice(1) };
  const server = await start(golden);
  try {
    // Heads by the policy: the first write (no head yet), then every 20 events.
    await writeBatches(server, 1, BATCHES);
  } finally {
    await stop(server);
  }
  expect((await readHeads(golden)).map((h) => `${h.seq}:${h.treeSize}`)).toEqual(["1:10", "2:30", "3:50"]);
  expect(witnessLines(golden).map((h) => h.seq)).toEqual(["1", "2", "3"]);
  const { code, result } = await verify(golden);
  expect(result).toMatchObject({ ok: true, checked: TOTAL, faultCount: 0, treeHeads: { checked: 3, ok: 3 } });
  expect(result.witness).toEqual({ heads: 3, status: "consistent" });
  expect(code).toBe(0);
}, 600_000);

/** A copy of the golden log: its database cloned, its data directory copied. */
export async function copyOfGolden(): Promise<Log> {
  if (!ADMIN_URL || !golden) throw new Error("no golden log");
  const source = golden;
  const name = `trailbook_test_${randomBytes(6).toString("hex")}`;
  await withClient(ADMIN_URL, async (admin) => {
    // A template must have no sessions: the last server's pool may still be closing.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source.name}`);
        return;
      } catch (error) {
        if (attempt > 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-superuser-"));
  fs.cpSync(source.dataDir, dataDir, { recursive: true });
  cleanups.push(
    () => withClient(ADMIN_URL, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
    async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  );
  return logAt(url.toString(), dataDir);
}

// PostgreSQL only: the attacker is a superuser of a PostgreSQL server (TEST_DATABASE_URL).
