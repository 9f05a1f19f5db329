import http from "node:http";
import { afterEach, expect, it } from "vitest";
import { trackRequests } from "./drain-requests";
import { listen } from "./serve";

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A server whose requests each wait for `release()` before they are answered. */
async function slowServer() {
  const waiting: (() => void)[] = [];
  const server = http.createServer((_request, response) => {
    waiting.push(() => response.end("answered"));
  });
  servers.push(server);
  const port = 3600 + Math.floor(Math.random() * 400);
  await listen(server, port);
  const agent = new http.Agent({ keepAlive: true });
  const get = () =>
    new Promise<{ body: string; connection?: string }>((resolve, reject) => {
      http
        .get({ port, agent }, (response) => {
          let body = "";
          response.on("data", (chunk) => (body += chunk));
          response.on("end", () => resolve({ body, connection: response.headers.connection }));
        })
        .on("error", reject);
    });
  const arrived = async (n: number) => {
    while (waiting.length < n) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  const release = () => {
    for (const answer of waiting.splice(0)) answer();
  };
  return { server, get, arrived, release };
}

it("waits for every request in flight, answers it with Connection: close, and then has none", async () => {
  const { server, get, arrived, release } = await slowServer();
  const requests = trackRequests(server);
  const answers = Promise.all([get(), get()]);
  await arrived(2);
  expect(requests.inFlight).toBe(2);
  let drained = false;
  const drain = requests.drain(new Promise(() => {})).then((all) => {
    drained = true;
    return all;
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(drained).toBe(false); // still waiting for the two answers
  release();
  expect(await drain).toBe(true);
  expect(await answers).toEqual([
    { body: "answered", connection: "close" },
    { body: "answered", connection: "close" },
  ]);
  expect(requests.inFlight).toBe(0);
});

it("gives up at the deadline with the requests still running", async () => {
  const { server, get, arrived, release } = await slowServer();
  const requests = trackRequests(server);
  const answer = get().catch((error: Error) => error);
  await arrived(1);
  expect(await requests.drain(new Promise((resolve) => setTimeout(resolve, 50)))).toBe(false);
  expect(requests.inFlight).toBe(1);
  release();
  expect(await answer).toEqual({ body: "answered", connection: "close" });
});
