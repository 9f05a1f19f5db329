import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { TrailbookClient } from "@/lib/client/trailbook-client";
import { freshStorage } from "@/lib/testing/fresh-storage";
import { type ServerProcess, startServer } from "@/lib/testing/server-process";
import { TEST_DATABASE_KINDS } from "@/lib/testing/test-database";
import { freePort } from "../lib/testing/free-port";

const CLIENTS = 8;
const BATCH = 10;
const ADMIN_TOKEN = `chaos-${randomUUID()}`;

interface Batch {
  stream: string;
  events: { id: string; type: string; data: Record<string, unknown> }[];
  acked: boolean;
}

/** One client: sends batches with ids it chose until the server stops answering. */
async function drive(url: string, client: number, sent: Batch[]): Promise<void> {
  for (let n = 0; ; n++) {
    const batch: Batch = {
      stream: `Client-${client}`,
      events: Array.from({ length: BATCH }, (_, i) => ({ id: randomUUID(), type: "Load", data: { client, n, i } })),
      acked: false,
    };
    sent.push(batch);
    try {
      const response = await fetch(`${url}/api/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ stream: batch.stream, expectedVersion: "any", events: batch.events }),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`unexpected ${response.status}`);
      batch.acked = true;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("unexpected")) throw error;
      return; // connection refused or reset: the server is gone
    }
  }
}

/** Every event id in the log, in order, read with the follow API (1000 per page). */
async function readWholeLog(client: TrailbookClient): Promise<string[]> {
  const ids: string[] = [];
  for (let after = "0"; ; ) {
    const page = await client.search({ after, limit: 1000 });
    ids.push(...page.events.map((e) => e.id));
    if (page.events.length === 0) return ids;
    after = page.events.at(-1)!.position;
  }
}

describe.each(TEST_DATABASE_KINDS)("kill -9 under load [%s]", (kind) => {
  let server: ServerProcess | undefined;
  let storage: Awaited<ReturnType<typeof freshStorage>> | undefined;
  afterAll(async () => {
    await server?.kill("SIGKILL");
    await storage?.dispose();
  });

  it("keeps every acknowledged event, accepts retries without duplicates, and the chain verifies", async () => {
    const port = await freePort();
    storage = await freshStorage(kind);
    const serverEnv = {
      ...storage.env,
      TRAILBOOK_ADMIN_TOKEN: ADMIN_TOKEN,
      TRAILBOOK_RATE_LIMIT: "0",
      TRAILBOOK_CHECKPOINT_EVERY: "200",
    };
    server = await startServer({ port, env: serverEnv });
    const sent: Batch[][] = Array.from({ length: CLIENTS }, () => []);
    const load = Promise.all(sent.map((batches, client) => drive(server!.url, client, batches)));
    // Let the load build up, then pull the plug in the middle of it.
    while (sent.flat().filter((b) => b.acked).length < 60) await new Promise((resolve) => setTimeout(resolve, 50));
    await server.kill("SIGKILL");
    await load;
    const batches = sent.flat();
    const acked = batches.filter((b) => b.acked);
    expect(batches.length).toBeGreaterThan(acked.length); // some requests were in flight at the kill
    console.info(
      `[${kind}] killed with ${acked.length} batches acknowledged and ${batches.length - acked.length} in flight`,
    );

    server = await startServer({ port, env: serverEnv });
    const client = new TrailbookClient({ baseUrl: server.url, key: ADMIN_TOKEN });
    const afterCrash = new Set(await readWholeLog(client));
    for (const batch of acked)
      for (const event of batch.events) expect(afterCrash.has(event.id), `acked ${event.id}`).toBe(true);
    // Batches are atomic: one in flight at the kill is wholly stored or wholly absent.
    for (const batch of batches) {
      const present = batch.events.filter((e) => afterCrash.has(e.id)).length;
      expect([0, BATCH]).toContain(present);
    }

    // Each client retries everything it sent, acked or not: replays answer 200, the lost ones 201.
    for (const batch of batches) {
      const response = await fetch(`${server.url}/api/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ stream: batch.stream, expectedVersion: "any", events: batch.events }),
      });
      const stored = batch.events.every((e) => afterCrash.has(e.id));
      expect(response.status, await response.text()).toBe(stored ? 200 : 201);
    }
    const log = await readWholeLog(client);
    expect(new Set(log).size).toBe(log.length);
    expect(log.length).toBe(batches.length * BATCH);

    const verification = await (
      await fetch(`${server.url}/api/verify`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json();
    expect(verification).toMatchObject({ ok: true });
  });
});
