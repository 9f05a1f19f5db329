import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

/** One verified delivery as a receiver saw it: its `webhook-id` and the events of its body, in order. */
export interface Delivery {
  subscription: string;
  webhookId: string;
  events: { id: string; position: string }[];
}

/**
 * A real Standard Webhooks receiver on a port in 4000-4299: `/<subscription>` is verified with that
 * subscription's secret (`secrets`, filled once the subscriptions exist) by the `standardwebhooks`
 * package. A delivery is recorded when it arrives, before the answer (held `holdMs`), as a receiver
 * that commits and then dies before answering would: the sender cannot know, so it sends again.
 */
export async function startSignedReceiver(holdMs: number) {
  const secrets = new Map<string, string>();
  const deliveries: Delivery[] = [];
  const rejected: string[] = [];
  let pending = 0;
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const subscription = (request.url ?? "").slice(1);
      try {
        const secret = secrets.get(subscription);
        if (!secret) throw new Error(`no secret for ${subscription}`);
        const { type, data } = new Webhook(secret).verify(body, request.headers as Record<string, string>) as {
          type: string;
          data: { id: string; position: string } & { events?: { id: string; position: string }[] };
        };
        const events = type === "trailbook.batch" ? data.events! : [data];
        const webhookId = String(request.headers["webhook-id"]);
        deliveries.push({ subscription, webhookId, events: events.map((e) => ({ id: e.id, position: e.position })) });
      } catch (error) {
        rejected.push((error as Error).message);
        response.writeHead(400).end();
        return;
      }
      pending += 1;
      setTimeout(() => {
        pending -= 1;
        response.writeHead(204).end();
      }, holdMs);
    });
  });
  for (let port = 4000 + Math.floor(Math.random() * 290); ; port++) {
    const ok = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (ok) break;
  }
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secrets,
    deliveries,
    rejected,
    /** Deliveries received and not yet answered. */
    pending: () => pending,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A NATS server of our own with JetStream, on `port` (4800-4899) and storing in `storeDir`: never
 * the machine's shared one at 4222, which other work relies on. Resolves once it accepts clients.
 */
export async function startNatsServer(port: number, storeDir: string): Promise<ChildProcess> {
  const child = spawn("/usr/sbin/nats-server", ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", storeDir], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8192);
  });
  for (let i = 0; !/Server is ready/.test(output); i++) {
    if (child.exitCode !== null || i > 200) throw new Error(`nats-server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

/** Ends a child process with `signal` and waits until it has exited. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

/** Waits until `check` holds, polling every 100 ms; fails with `what` after `ms`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
