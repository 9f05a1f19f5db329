import { execFile, spawn } from "node:child_process";
import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID, sign } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrailbookClient } from "@/lib/client/trailbook-client";
import { Prisma } from "@/lib/db/generated/client";
import { openDatabase } from "@/lib/db/open-database";
import { keyIdOf } from "@/lib/integrity/checkpoint-signature";
import type { IntegrityResult } from "@/lib/integrity/verify-integrity";
import { catchUpTree } from "@/lib/store/catch-up-tree";
import { EVENT_COLUMNS, type EventRecord, hashedFieldsOf } from "@/lib/store/event-record";
import { GENESIS_HASH, hashEvent } from "@/lib/store/hash-event";
import { type ServerProcess, startServer } from "@/lib/testing/server-process";
import { createPostgresDatabase } from "@/lib/testing/test-database";
import { headHashOf, type SignedTreeHead, type TreeHeadBody, treeHeadPayload } from "@/lib/transparency/tree-head";

// An attacker who is a PostgreSQL superuser (triggers off, any row rewritten) but holds neither the
// signing key nor the data directory, against the production server and the real `npm run verify`.
// One log is written over HTTP once (50 events in 5 streams, heads at sizes 10, 30 and 50); each
// scenario attacks its own copy of it (CREATE DATABASE … TEMPLATE, and a copy of the data directory).

const exec = promisify(execFile);
// The local server unless told otherwise: this suite never skips (CI and every machine here have one).
const ADMIN_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const ADMIN_TOKEN = `superuser-${randomUUID()}`;
const BATCHES = 5;
const BATCH = 10;
const TOTAL = BATCHES * BATCH;

/** A log: its database and its data directory (signing-key.pem, keyring/, witness/). */
interface Log {
  url: string;
  dataDir: string;
  env: Record<string, string>;
}

const cleanups: (() => Promise<void>)[] = [];
const running = new Set<ServerProcess>();

afterAll(async () => {
  for (const server of running) await server.kill("SIGKILL");
  killStrays();
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
});

/**
 * startServer leaves its child running when the server does not answer in time (it throws without
 * killing it): kill any server process group of this run, known by this run's own admin token.
 */
function killStrays(): void {
  for (const entry of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (environ.includes(`TRAILBOOK_ADMIN_TOKEN=${ADMIN_TOKEN}`)) process.kill(-Number(entry), "SIGKILL");
    } catch {
      /* exited, not ours, or not a group leader */
    }
  }
}

function logAt(url: string, dataDir: string): Log {
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

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** What a superuser does: append-only triggers off for the session, then `work` in one transaction. */
function asSuperuser<T>(log: Log, work: (client: pg.Client) => Promise<T>): Promise<T> {
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
const run = <T>(client: pg.Client, statement: Prisma.Sql) =>
  client.query(statement.text, statement.values).then((result) => result.rows as T[]);

/** A port in 4000-4999 that nothing listens on now. */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 4000 + Math.floor(Math.random() * 1000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

async function start(log: Log): Promise<ServerProcess> {
  const server = await startServer({ port: await freePort(), env: log.env });
  running.add(server);
  return server;
}

async function stop(server: ServerProcess): Promise<void> {
  await server.kill("SIGTERM");
  running.delete(server);
}

/** `npm start` that is expected to refuse: its exit code and what it printed (killed after 5 minutes). */
async function startRefused(log: Log): Promise<{ code: number | null; stdout: string; stderr: string }> {
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
const commandError = (stderr: string) => stderr.split("\n").find((line) => line.startsWith("Trailbook: ")) ?? stderr;

/** `npm run <script> -- args` as an operator runs it: exit code and output. */
async function npmRun(
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
async function verify(log: Log): Promise<{ code: number; result: IntegrityResult }> {
  const { code, stdout, stderr } = await npmRun(log, "verify");
  const json = stdout.slice(stdout.indexOf("{"));
  if (!json) throw new Error(`verify printed no result (exit ${code}): ${stderr}`);
  return { code, result: JSON.parse(json) as IntegrityResult };
}

/** `GET /api/verify` on a running server. */
async function verifyOverHttp(server: ServerProcess): Promise<IntegrityResult> {
  const response = await fetch(`${server.url}/api/verify`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as IntegrityResult;
}

/** Each fault as `kind@position` or `kind@head seq`: the verdict an operator reads. */
const verdicts = (result: IntegrityResult) =>
  result.faults.map((f) => `${f.kind}@${f.position ?? (f.seq === undefined ? "-" : `head ${f.seq}`)}`);

async function signHead(server: ServerProcess): Promise<SignedTreeHead> {
  const response = await fetch(`${server.url}/api/checkpoints`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { treeHead: SignedTreeHead }).treeHead;
}

/** `count` batches of 10 events over HTTP, batch b appended to stream `Account-<first + b>`. */
async function writeBatches(server: ServerProcess, first: number, count: number): Promise<void> {
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

function readHeads(log: Log): Promise<SignedTreeHead[]> {
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

const witnessLines = (log: Log) =>
  fs
    .readFileSync(path.join(log.dataDir, "witness", "tree-heads.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SignedTreeHead);

const keyringIds = (log: Log) =>
  fs
    .readdirSync(path.join(log.dataDir, "keyring"))
    .map((name) => name.replace(/\.pub\.pem$/, ""))
    .sort();

const signingKeyFile = (log: Log) => path.join(log.dataDir, "signing-key.pem");

function newKey(): { privateKey: KeyObject; pem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return { privateKey, pem, keyId: keyIdOf(publicKey.export({ type: "spki", format: "pem" }).toString()) };
}

let golden: (Log & { name: string }) | undefined;

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
  expect(result.witness).toEqual({ heads: 3 });
  expect(code).toBe(0);
}, 600_000);

/** A copy of the golden log: its database cloned, its data directory copied. */
async function copyOfGolden(): Promise<Log> {
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
describe("a PostgreSQL superuser against the production server and npm run verify", () => {
  describe("1. edits an event, re-hashes the chain after it, rebuilds the Merkle tree and deletes every head", () => {
    let log: Log;
    beforeAll(async () => {
      log = await copyOfGolden();
      await asSuperuser(log, async (client) => {
        await client.query(`UPDATE events SET data = '{"account": 1, "amount": 1000000}' WHERE position = 5`);
        const rows = await run<EventRecord>(
          client,
          Prisma.sql`SELECT ${EVENT_COLUMNS} FROM events e ORDER BY e.position`,
        );
        let prevHash = GENESIS_HASH;
        for (const row of rows) {
          const hash = hashEvent(prevHash, hashedFieldsOf(row));
          if (row.prevHash !== prevHash || row.hash !== hash) {
            await client.query("UPDATE events SET prev_hash = $1, hash = $2 WHERE position = $3", [
              prevHash,
              hash,
              row.position,
            ]);
          }
          prevHash = hash;
        }
        await client.query("DELETE FROM merkle_nodes");
        await client.query("DELETE FROM tree_heads");
      });
      // The tree rebuilt over the rewritten hashes with Trailbook's own code.
      const db = await openDatabase({ kind: "postgres", url: log.url, poolSize: 1 });
      try {
        expect(await catchUpTree(db)).toBe(TOTAL);
      } finally {
        await db.close();
      }
    });

    it("the log is consistent on its own, but the witness outside the database convicts it", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual([
        "witness_mismatch@head 1",
        "root_mismatch@head 1",
        "witness_mismatch@head 2",
        "root_mismatch@head 2",
        "witness_mismatch@head 3",
        "root_mismatch@head 3",
      ]);
      expect(result.faults[0]!.detail).toBe("witnessed head is not in the database");
      expect(result).toMatchObject({
        ok: false,
        checked: TOTAL,
        treeHeads: { checked: 0, ok: 0 },
        witness: { heads: 3 },
      });
    });

    it("a restarted server refuses to sign over the rewritten log: its witness is ahead of the database", async () => {
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      expect(commandError(stderr)).toContain("The database's latest tree head (none) is behind the witness's head 3");
    });
  });

  describe("2. cuts the last 25 events (with their memberships and tree rows) and deletes every head", () => {
    let log: Log;
    beforeAll(async () => {
      log = await copyOfGolden();
      await asSuperuser(log, async (client) => {
        await client.query("DELETE FROM stream_events WHERE position > 25");
        await client.query("DELETE FROM merkle_nodes WHERE position > 25");
        await client.query("DELETE FROM events WHERE position > 25");
        await client.query("DELETE FROM tree_heads");
      });
    });

    it("names the witnessed heads beyond the new size as truncated, and every witnessed head as missing", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual([
        "witness_mismatch@head 1", // still matches the log's first 10 events: only missing from the database
        "witness_mismatch@head 2",
        "truncated@head 2",
        "witness_mismatch@head 3",
        "truncated@head 3",
      ]);
      expect(result.faults.find((f) => f.kind === "truncated")!.detail).toBe(
        "witnessed head: signed 30 events, the log has 25",
      );
      expect(result).toMatchObject({ ok: false, checked: 25, head: { position: "25" }, treeHeads: { checked: 0 } });
    });

    it("a restarted server refuses to sign over the cut log: its witness is ahead of the database", async () => {
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      expect(commandError(stderr)).toContain("is behind the witness's head 3");
    });
  });

  describe("3. deletes one stream membership of a stream the event was appended to", () => {
    let log: Log;
    beforeAll(async () => {
      log = await copyOfGolden();
      // Account-2 holds positions 11-20 at versions 0-9: version 6 is position 17.
      const deleted = await asSuperuser(log, (client) =>
        client.query("DELETE FROM stream_events WHERE stream = 'Account-2' AND version = 6 RETURNING position"),
      );
      expect(deleted.rows).toEqual([{ position: "17" }]);
    });

    it("names membership_missing at that position and nothing else", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["membership_missing@17"]);
      expect(result.faults[0]!.detail).toBe("no membership in Account-2 at version 6");
      expect(result).toMatchObject({ checked: TOTAL, treeHeads: { checked: 3, ok: 3 } });
    });

    it("GET /api/verify on a restarted server says the same", async () => {
      const server = await start(log);
      try {
        expect(verdicts(await verifyOverHttp(server))).toEqual(["membership_missing@17"]);
      } finally {
        await stop(server);
      }
    });
  });

  describe("4. edits two events far apart without re-hashing", () => {
    let log: Log;
    beforeAll(async () => {
      log = await copyOfGolden();
      await asSuperuser(log, (client) =>
        client.query(`UPDATE events SET data = jsonb_set(data, '{amount}', '0') WHERE position IN (4, 46)`),
      );
    });

    it("names both positions and checks every event", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["hash_mismatch@4", "hash_mismatch@46"]);
      expect(result).toMatchObject({
        ok: false,
        checked: TOTAL,
        faultCount: 2,
        firstBad: { position: "4", reason: "hash_mismatch" },
        treeHeads: { checked: 3, ok: 3 },
      });
    });
  });

  describe("5. inserts a head signed with a key of its own, then alters a signature", () => {
    let log: Log;
    const stranger = newKey();
    beforeAll(async () => {
      log = await copyOfGolden();
      const [, , last] = await readHeads(log);
      // A perfectly formed head over the real log, chained to head 3: only the key is not ours.
      const body: TreeHeadBody = {
        seq: "4",
        treeSize: last!.treeSize,
        rootHash: last!.rootHash,
        timestamp: new Date().toISOString(),
        keyId: stranger.keyId,
        prevHeadHash: last!.headHash,
      };
      const signature = sign(null, treeHeadPayload(body), stranger.privateKey).toString("base64");
      await asSuperuser(log, (client) =>
        client.query(
          `INSERT INTO tree_heads (seq, tree_size, root_hash, signed_at, key_id, prev_head_hash, signature, head_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            body.seq,
            body.treeSize,
            body.rootHash,
            body.timestamp,
            body.keyId,
            body.prevHeadHash,
            signature,
            headHashOf(body, signature),
          ],
        ),
      );
    });

    it("reports the stranger's head as unknown_key, not as a bad signature", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["unknown_key@head 4"]);
      expect(result.faults[0]!.detail).toBe(`tree head signed by key ${stranger.keyId}`);
      expect(result.treeHeads).toMatchObject({ checked: 4, ok: 3 });
    });

    it("the server refuses to sign after a head by a key outside the keyring: maybe tampering", async () => {
      const ours = (await readHeads(log))[0]!.keyId;
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      // The head names a key outside the keyring: possible tampering, not "restore that key".
      expect(commandError(stderr)).toContain(`tree head 4 names key ${stranger.keyId}, which is not in the keyring`);
      expect(commandError(stderr)).toContain("npm run verify");
      expect(ours).not.toBe(stranger.keyId);
    });

    it("reports a head whose signature bytes were altered as bad_signature", async () => {
      await asSuperuser(log, async (client) => {
        const [row] = (await client.query<{ signature: string }>("SELECT signature FROM tree_heads WHERE seq = 2"))
          .rows;
        const bytes = Buffer.from(row!.signature, "base64");
        bytes[10] = bytes[10]! ^ 0x01;
        await client.query("UPDATE tree_heads SET signature = $1 WHERE seq = 2", [bytes.toString("base64")]);
      });
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["bad_signature@head 2", "unknown_key@head 4"]);
      expect(result.treeHeads).toMatchObject({ checked: 4, ok: 2 });
    });
  });

  describe("6. the operator rotates the signing key; a wrong or missing key; a key declared lost", () => {
    let log: Log;
    let original = "";
    let rotated = "";
    beforeAll(async () => {
      log = await copyOfGolden();
      original = (await readHeads(log))[0]!.keyId;
    });

    it("rotate-signing with the server stopped: old heads verify via the keyring, the chain continues", async () => {
      const rotation = await npmRun(log, "keys", ["rotate-signing"]);
      expect(rotation.code, rotation.stderr).toBe(0);
      rotated = /to ([0-9a-f]{16}) /.exec(rotation.stdout)?.[1] ?? "";
      expect(rotation.stdout).toBe(
        `Rotated the signing key from key ${original} to ${rotated} (${signingKeyFile(log)}).\n` +
          "Tree head 4 is the first signed by the new key.\n",
      );
      expect(keyringIds(log)).toEqual([original, rotated].sort());
      const server = await start(log);
      try {
        await writeBatches(server, BATCHES + 1, 3); // 80 events: head 5 at 70 by the policy
        expect(await signHead(server)).toMatchObject({ seq: "6", treeSize: "80", keyId: rotated });
        expect(await verifyOverHttp(server)).toMatchObject({ ok: true, checked: 80, treeHeads: { checked: 6, ok: 6 } });
      } finally {
        await stop(server);
      }
      expect(
        (await readHeads(log)).map((h) => `${h.seq}:${h.treeSize}:${h.keyId === original ? "old" : "new"}`),
      ).toEqual(["1:10:old", "2:30:old", "3:50:old", "4:50:new", "5:70:new", "6:80:new"]);
      const { code, result } = await verify(log);
      expect(result).toMatchObject({ ok: true, checked: 80, faultCount: 0, treeHeads: { checked: 6, ok: 6 } });
      expect(result.witness).toEqual({ heads: 6 });
      expect(code).toBe(0);
    });

    it("the server refuses to start with another key in signing-key.pem, naming both key ids", async () => {
      const other = newKey();
      fs.writeFileSync(signingKeyFile(log), other.pem, { mode: 0o600 });
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      expect(commandError(stderr)).toContain(`The signing key ${other.keyId} (${signingKeyFile(log)})`);
      expect(commandError(stderr)).toContain(`is not the key that signed tree head 6 (${rotated})`);
      expect(fs.readFileSync(signingKeyFile(log), "utf8")).toBe(other.pem); // not replaced behind our back
    });

    it("the server refuses to start with no signing key, and does not invent one", async () => {
      fs.rmSync(signingKeyFile(log));
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      expect(commandError(stderr)).toContain(
        `No signing key: set TRAILBOOK_SIGNING_KEY, or put the key back at ${signingKeyFile(log)}.`,
      );
      expect(commandError(stderr)).toContain(`This log was signed by key ${rotated} (tree head 6)`);
      expect(fs.existsSync(signingKeyFile(log))).toBe(false);
    });

    it("--lost-key lets the server start again; the keyring still has the lost key, so all verifies", async () => {
      const rotation = await npmRun(log, "keys", ["rotate-signing", "--lost-key"]);
      expect(rotation.code, rotation.stderr).toBe(0);
      const replacement = /to ([0-9a-f]{16}) /.exec(rotation.stdout)?.[1] ?? "";
      expect(rotation.stdout).toBe(
        `Rotated the signing key from a key declared lost to ${replacement} (${signingKeyFile(log)}).\n` +
          "Tree head 7 is the first signed by the new key.\n",
      );
      const server = await start(log);
      try {
        await writeBatches(server, BATCHES + 4, 1);
        expect(await signHead(server)).toMatchObject({ seq: "8", treeSize: "90", keyId: replacement });
      } finally {
        await stop(server);
      }
      const { code, result } = await verify(log);
      expect(result).toMatchObject({ ok: true, checked: 90, faultCount: 0, treeHeads: { checked: 8, ok: 8 } });
      expect(code).toBe(0);
    });

    it("with its public key gone from the keyring too, the lost key's heads are unknown_key", async () => {
      fs.rmSync(path.join(log.dataDir, "keyring", `${rotated}.pub.pem`));
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["unknown_key@head 4", "unknown_key@head 5", "unknown_key@head 6"]);
      expect(result).toMatchObject({ checked: 90, treeHeads: { checked: 8, ok: 5 } });
    });
  });

  describe("7. deletes only the latest tree head", () => {
    let log: Log;
    beforeAll(async () => {
      log = await copyOfGolden();
      await asSuperuser(log, (client) => client.query("DELETE FROM tree_heads WHERE seq = 3"));
    });

    it("the witness names that head; the rest of the head chain is intact", async () => {
      const { code, result } = await verify(log);
      expect(code).toBe(1);
      expect(verdicts(result)).toEqual(["witness_mismatch@head 3"]);
      expect(result.faults[0]!.detail).toBe("witnessed head is not in the database");
      expect(result).toMatchObject({ checked: TOTAL, treeHeads: { checked: 2, ok: 2, latest: { seq: "2" } } });
    });

    it("a restarted server refuses to sign another head 3 over the deleted one", async () => {
      const { code, stderr } = await startRefused(log);
      expect(code).toBe(1);
      expect(commandError(stderr)).toContain("The database's latest tree head (head 2) is behind the witness's head 3");
    });
  });
});
