import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../store/event-record";
import { sendWebhook } from "./send-webhook";

const SECRET = `whsec_${Buffer.from("a-test-secret-of-32-bytes-long!!").toString("base64")}`;

const event = (n: number) => {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  return { id, tenant: null, type: "t", data: { n } } as never as StoredEvent;
};

/**
 * A receiver that answers 204 and keeps connections open, and drops (RST) the connection that
 * carries the request numbered `dropAt` (from 0), as a receiver closing an idle connection at the
 * moment it is reused would.
 */
async function startReceiver(dropAt = -1) {
  const sockets = new Set<Socket>();
  const ids: string[] = [];
  let requests = 0;
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    const n = requests++;
    request.resume();
    request.on("end", () => {
      if (n === dropAt) return request.socket.resetAndDestroy();
      ids.push(String(request.headers["webhook-id"]));
      response.writeHead(204).end();
    });
  });
  server.on("connection", (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    ids,
    connections: () => sockets.size,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe("sendWebhook's connections", () => {
  beforeAll(() => {
    process.env.TRAILBOOK_WEBHOOK_ALLOW_PRIVATE = "1";
  });
  afterAll(() => {
    delete process.env.TRAILBOOK_WEBHOOK_ALLOW_PRIVATE;
  });

  it("reuses one kept-alive connection for successive deliveries to a receiver", async () => {
    const receiver = await startReceiver();
    try {
      for (const n of [1, 2, 3]) {
        expect(await sendWebhook(receiver.url, SECRET, [event(n)], 5_000)).toMatchObject({ delivered: 1, error: null });
      }
      expect(receiver.ids).toEqual([1, 2, 3].map((n) => event(n).id));
      expect(receiver.connections()).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it("sends again on a new connection when the receiver drops a reused one, and delivers", async () => {
    const receiver = await startReceiver(1);
    try {
      expect(await sendWebhook(receiver.url, SECRET, [event(1)], 5_000)).toMatchObject({ delivered: 1 });
      const second = await sendWebhook(receiver.url, SECRET, [event(2)], 5_000);
      expect(second).toMatchObject({ delivered: 1, statusCode: 204, error: null });
      expect(receiver.ids).toEqual([event(1).id, event(2).id]);
      expect(receiver.connections()).toBe(2);
    } finally {
      await receiver.close();
    }
  });

  it("names a batch by its first and last event: a batch that grew on retry is a new webhook-id", async () => {
    const receiver = await startReceiver();
    try {
      await sendWebhook(receiver.url, SECRET, [event(1), event(2)], 5_000);
      await sendWebhook(receiver.url, SECRET, [event(1), event(2), event(3)], 5_000);
      await sendWebhook(receiver.url, SECRET, [event(1), event(2)], 5_000);
      const pair = `${event(1).id}..${event(2).id}`;
      expect(receiver.ids).toEqual([pair, `${event(1).id}..${event(3).id}`, pair]);
    } finally {
      await receiver.close();
    }
  });

  it("refuses a loopback target at every send unless private targets are allowed, by address or by name", async () => {
    const receiver = await startReceiver();
    delete process.env.TRAILBOOK_WEBHOOK_ALLOW_PRIVATE;
    try {
      for (const url of [receiver.url, receiver.url.replace("127.0.0.1", "localhost")]) {
        const result = await sendWebhook(url, SECRET, [event(1)], 5_000);
        expect(result).toMatchObject({ delivered: 0, statusCode: null });
        expect(result.error).toMatch(/^refused: /);
      }
      expect(receiver.ids).toEqual([]);
    } finally {
      process.env.TRAILBOOK_WEBHOOK_ALLOW_PRIVATE = "1";
      await receiver.close();
    }
  });

  it("does not send again when a new connection is dropped: the attempt fails", async () => {
    const receiver = await startReceiver(0);
    try {
      const first = await sendWebhook(receiver.url, SECRET, [event(1)], 5_000);
      expect(first).toMatchObject({ delivered: 0, statusCode: null });
      expect(first.error).toMatch(/hang up|ECONNRESET/);
      expect(receiver.ids).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
