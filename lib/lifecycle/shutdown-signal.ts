import { setMaxListeners } from "node:events";

// The process's one shutdown switch, on globalThis: the HTTP server (lib/cli/serve.ts) flips it, and
// Next's server bundle and the lean ingest path, which load lib/ modules separately, both see it.
const slot = globalThis as typeof globalThis & { trailbookShutdown?: AbortController };

function controller(): AbortController {
  if (!slot.trailbookShutdown) {
    slot.trailbookShutdown = new AbortController();
    // Every open live stream listens (and stops listening when it ends): no leak to warn about.
    setMaxListeners(0, slot.trailbookShutdown.signal);
  }
  return slot.trailbookShutdown;
}

/**
 * Aborts when the server begins to shut down (SIGTERM, SIGINT): live streams end cleanly on it, and
 * readiness answers 503 so balancers stop sending new requests while in-flight ones finish.
 */
export function shutdownSignal(): AbortSignal {
  return controller().signal;
}

/** Starts the shutdown for every part of the process that listens (lib/cli/drain-server.ts). */
export function beginShutdown(): void {
  controller().abort();
}
