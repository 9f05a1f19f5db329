import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/free-port";
import { freshStorage } from "@/lib/testing/fresh-storage";
import { type ServerProcess, startServer } from "@/lib/testing/server-process";
import { TEST_DATABASE_KINDS } from "@/lib/testing/test-database";
import { stopProcess, until } from "./subscription-harness";

const ADMIN_TOKEN = `chaos-${randomUUID()}`;
const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };
const NAMES = ["first", "second", "third"];
const EVENTS = 150;

/**
 * A receiver that verifies every request and notes, per subscription, how many of its requests
 * were open at once: two processes delivering one subscription would show as two.
 */
async function startOverlapReceiver(holdMs: number) {
  const secrets = new Map<string, Webhook>();
  const open = new Map<string, number>();
  const most = new Map<string, number>();
  const positions = new Map<string, string[]>();
  let rejected = 0;
  const server = http.createServer((request, response) => {
    const name = (request.url ?? "").slice(1);
    open.set(name, (open.get(name) ?? 0) + 1);
    most.set(name, Math.max(most.get(name) ?? 0, open.get(name)!));
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      try {
        const { data } = secrets.get(name)!.verify(body, request.headers as never) as { data: { position: string } };
        positions.set(name, [...(positions.get(name) ?? []), data.position]);
      } catch {
        rejected += 1;
      }
      setTimeout(() => {
        open.set(name, open.get(name)! - 1);
        response.writeHead(204).end();
      }, holdMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secrets,
    most,
    positions,
    rejected: () => rejected,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** `npm run worker` as users run it, resolved once it says it runs. */
async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "bin/worker.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("worker running") && resolve());
    child.once("exit", (code) => reject(new Error(`npm run worker exited with ${code}`)));
  });
  return child;
}

// Several processes on one database is a PostgreSQL deployment (the embedded one is one process).
describe.each(TEST_DATABASE_KINDS.filter((kind) => kind === "postgres"))("a server and two workers [%s]", (kind) => {
  let server: ServerProcess | undefined;
  const workers: ChildProcess[] = [];
  let storage: Awaited<ReturnType<typeof freshStorage>> | undefined;
  let receiver: Awaited<ReturnType<typeof startOverlapReceiver>> | undefined;
  afterAll(async () => {
    await Promise.all(workers.map((worker) => stopProcess(worker, "SIGTERM")));
    await server?.kill("SIGTERM");
    await receiver?.close();
    await storage?.dispose();
  });

  it("never deliver one subscription from two processes at once, and deliver every event in order", async () => {
    storage = await freshStorage(kind);
    receiver = await startOverlapReceiver(10);
    const env = {
      ...storage.env,
      TRAILBOOK_ADMIN_TOKEN: ADMIN_TOKEN,
      TRAILBOOK_RATE_LIMIT: "0",
      TRAILBOOK_WEBHOOK_ALLOW_PRIVATE: "1",
    };
    server = await startServer({ port: await freePort(), env });
    workers.push(await startWorker(env), await startWorker(env));
    for (const name of NAMES) {
      const response = await fetch(`${server.url}/api/subscriptions`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          name,
          filter: "type:Work",
          mode: "webhook",
          webhook: { url: `${receiver.url}/${name}` },
        }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      receiver.secrets.set(name, new Webhook((await response.json()).secret));
    }
    for (let sent = 0; sent < EVENTS; sent += 10) {
      const events = Array.from({ length: 10 }, (_, i) => ({ type: "Work", data: { n: sent + i } }));
      const response = await fetch(`${server.url}/api/events`, {
        method: "POST",
        headers,
        body: JSON.stringify({ events }),
      });
      expect(response.status).toBe(201);
    }
    await until("every subscription to take every event", () =>
      NAMES.every((name) => (receiver!.positions.get(name)?.length ?? 0) >= EVENTS),
    );
    expect(receiver.rejected()).toBe(0);
    for (const name of NAMES) {
      expect(receiver.most.get(name), name).toBe(1);
      const positions = receiver.positions.get(name)!.map(BigInt);
      expect(
        positions.every((position, i) => i === 0 || position > positions[i - 1]!),
        name,
      ).toBe(true);
    }
  });
});
