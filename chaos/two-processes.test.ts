import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { readSseEvents } from "@/lib/testing/read-sse";
import { type ServerProcess, startServer } from "@/lib/testing/server-process";
import { createPostgresDatabase } from "@/lib/testing/test-database";

const ADMIN_TOKEN = `two-${randomUUID()}`;
const WRITERS_PER_SERVER = 8;
const SECONDS = 8;

const servers: ServerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const server of servers) await server.kill("SIGKILL");
  for (const cleanup of cleanups) await cleanup();
});

/** One writer: single events and small batches, each with ids it chose, to one server, until time is up. */
async function write(url: string, writer: string, until: number, sent: string[]): Promise<void> {
  for (let n = 0; Date.now() < until; n++) {
    const events = Array.from({ length: 1 + (n % 3) * 4 }, (_, i) => ({
      id: randomUUID(),
      type: "Two",
      data: { n, i },
    }));
    const response = await fetch(`${url}/api/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ stream: `Writer-${writer}`, expectedVersion: "any", events }),
    });
    expect(response.status, await response.text()).toBe(201);
    sent.push(...events.map((e) => e.id));
  }
}

it("two processes on one PostgreSQL: gapless positions, every event once, live tails and exports see all", async () => {
  const database = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
  cleanups.push(database.drop);
  const base = 3500 + Math.floor(Math.random() * 400);
  for (const port of [base, base + 1]) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-two-"));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATABASE_URL: database.url, TRAILBOOK_DATA_DIR: dataDir, TRAILBOOK_ADMIN_TOKEN: ADMIN_TOKEN };
    // One at a time: the first migrates the empty database, the second finds it migrated.
    servers.push(
      await startServer({ port, env: { ...env, TRAILBOOK_RATE_LIMIT: "0", TRAILBOOK_CHECKPOINT_EVERY: "100" } }),
    );
  }
  // A live tail on the second process, opened before any write: it must see the first process's
  // events too, in position order (live tails follow the shared log, not the process's own writes).
  const live = await fetch(`${servers[1]!.url}/api/events/live?q=type:Two`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(live.status).toBe(200);
  const sent: string[] = [];
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    servers.flatMap((server, s) =>
      Array.from({ length: WRITERS_PER_SERVER }, (_, w) => write(server.url, `${s}-${w}`, until, sent)),
    ),
  );
  expect(sent.length).toBeGreaterThan(100);

  // Read the whole log back through the other server than the one that wrote most of it.
  const positions: number[] = [];
  const ids: string[] = [];
  for (let after = "0"; ; ) {
    const response = await fetch(`${servers[1]!.url}/api/events?after=${after}&limit=1000`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const page = (await response.json()) as { events: { id: string; position: string }[] };
    if (page.events.length === 0) break;
    positions.push(...page.events.map((e) => Number(e.position)));
    ids.push(...page.events.map((e) => e.id));
    after = page.events.at(-1)!.position;
  }
  expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => i + 1));
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(ids)).toEqual(new Set(sent));
  const tailed = await readSseEvents(live, sent.length);
  expect(tailed.map((e) => e.id)).toEqual(ids);

  // Stream versions are gapless per writer stream too, and the whole chain and tree verify.
  for (const server of servers) {
    const verify = await fetch(`${server.url}/api/verify`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(await verify.json()).toMatchObject({ ok: true, checked: ids.length });
  }
  const stream = await fetch(`${servers[0]!.url}/api/streams/Writer-1-0?limit=1000`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const versions = ((await stream.json()) as { events: { version: number }[] }).events.map((e) => e.version);
  expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i));

  // An export from the first process holds every event, whichever process wrote it (last: an export
  // records an audit event of its own).
  const exported = await fetch(`${servers[0]!.url}/api/export?format=jsonl&q=type:Two`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const lines = (await exported.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { id?: string });
  expect(lines.flatMap((line) => (line.id ? [line.id] : []))).toEqual(ids);
});
