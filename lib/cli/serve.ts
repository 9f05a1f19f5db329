import http from "node:http";
import net from "node:net";
import { type Config, config } from "../config";
import { trackRequests } from "./drain-requests";
import { isIngest, loadIngestHandler } from "./lean-ingest";
import { shutDownOnSignals } from "./shut-down-on-signals";

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => unknown;

/** Why `port` cannot be listened on, as the one sentence an operator needs (runCommand prints it). */
function listenError(port: number, error: NodeJS.ErrnoException): Error {
  const message =
    error.code === "EADDRINUSE"
      ? `port ${port} is already in use (EADDRINUSE); set PORT or stop the other server.`
      : `cannot listen on port ${port} (${error.message}); set PORT to another port.`;
  return Object.assign(new Error(message), { code: error.code });
}

/** Starts `server` listening on `port` (all interfaces, as `next start` does), or rejects with listenError's. */
export function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenError(port, error));
    server.once("error", failed);
    server.listen(port, () => {
      server.off("error", failed);
      resolve();
    });
  });
}

/**
 * Throws listenError's sentence when `port` cannot be listened on now; holds nothing afterwards.
 * A client may connect during the probe (a health check polling for the server): its connection is
 * dropped at once, since close() waits for open connections and an unanswered one would hold the
 * start-up until the client gives up (undici: 300 s), then crash it with the socket's error.
 */
export async function checkPortFree(port: number): Promise<void> {
  const probe = net.createServer((socket) => {
    socket.on("error", () => {});
    socket.destroy();
  });
  await listen(probe, port);
  await new Promise((resolve) => probe.close(resolve));
}

/**
 * A Node HTTP server with explicit timeouts (`next start` leaves a half-sent request open forever:
 * chaos/back-pressure.test.ts) that hands each request to `handler` once that promise resolves, so
 * it can listen before the handler exists.
 */
function createHttpServer(handler: Promise<Handler>, timeouts: Config["timeouts"] = config.timeouts): http.Server {
  const server = http.createServer(
    {
      // A client gets this long to send its headers, and its whole request (bodies are at most 1 MiB).
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // Idle keep-alive connections live longer than most clients' and proxies' pools (ALB: 60 s), so
      // the client side closes first; a server closing first races a client reusing the socket
      // (ECONNRESET, seen in e2e with Node's default 5 s).
      keepAliveTimeout: 65_000,
      // How often those two are checked (Node's default, 30 s, would let them overrun by that much).
      connectionsCheckingInterval: 2_000,
    },
    // A request that arrives while Next prepares waits for it; if preparing fails, the process exits.
    (request, response) =>
      void handler.then(
        (handle) => handle(request, response),
        () => response.destroy(),
      ),
  );
  // A connection on which nothing moves either way for this long is dropped: a client that stopped
  // reading an export or a live stream (healthy live streams get a ping every 15 s).
  server.setTimeout(timeouts.idleMs, (socket) => socket.destroy());
  return server;
}

/** The part of Next's custom server (next/dist/server/next.js) that knows when instrumentation.ts has run. */
interface PreparingServer {
  server?: { getServer?: () => Promise<{ prepare?: () => Promise<void> } | undefined> };
}

/**
 * Waits until Next has run instrumentation.ts (database open, migrations, first admin key), and
 * throws its error. app.prepare() does not wait for that in production (only in dev), so without
 * this a server whose database cannot be opened would listen on, answering every request with 500.
 * These are Next internals: a shape this does not recognise is skipped (requests still wait for it).
 */
async function instrumentationDone(app: PreparingServer): Promise<void> {
  const server = await app.server?.getServer?.();
  await server?.prepare?.();
}

/**
 * Serves the production build in `.next` on `port` from this process. It listens BEFORE Next
 * prepares: preparing runs instrumentation.ts, which opens the database (locking an embedded one),
 * migrates it and may create and print the first admin key, none of which should happen for a
 * server that then cannot listen. Recording events takes the lean path (lean-ingest.ts); every
 * other request goes to Next. SIGTERM and SIGINT shut it down gracefully (shut-down-on-signals.ts).
 * Resolves once requests are being handled.
 */
export async function serve(
  port: number,
  timeouts: Config["timeouts"] = config.timeouts,
  shutdownTimeoutMs = config.shutdownTimeoutMs,
): Promise<void> {
  let ready: (handle: Handler) => void = () => {};
  let failed: (error: unknown) => void = () => {};
  const handler = new Promise<Handler>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  handler.catch(() => {}); // reported by serve's own rejection below
  const server = createHttpServer(handler, timeouts);
  await listen(server, port);
  // Graceful: in-flight requests are answered, then the database is closed (its lock released).
  shutDownOnSignals(server, trackRequests(server), shutdownTimeoutMs);
  // Next reads NODE_ENV while loading; a build is always served as production unless told otherwise.
  (process.env as Record<string, string>).NODE_ENV ??= "production";
  // Loaded only now: a command that fails earlier (busy port, failed build) need not load Next at all.
  const { default: next } = await import("next");
  const app = next({ dev: false, port });
  let ingest: Handler;
  try {
    await app.prepare();
    await instrumentationDone(app as PreparingServer);
    ingest = await loadIngestHandler();
  } catch (error) {
    failed(error);
    throw error;
  }
  const handleWithNext = app.getRequestHandler();
  ready((request, response) => (isIngest(request) ? ingest(request, response) : handleWithNext(request, response)));
  console.log(`Trailbook listening on http://localhost:${port}`);
}
