import type http from "node:http";
import { beginShutdown } from "../lifecycle/shutdown-signal";
import type { RequestTracker } from "./drain-requests";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

/** Closes the process database if one was opened: PGlite's files are synced and its lock released. */
async function closeDatabase(): Promise<void> {
  const { openedDatabase } = await import("../db/get-database");
  await (await openedDatabase())?.close();
}

/**
 * Graceful shutdown on SIGTERM or SIGINT: stop accepting connections, end live streams (they close
 * cleanly, and readiness answers 503), let every request in flight finish and be answered (appends
 * above all: a write must not commit without its answer) for up to `timeoutMs`, then cut what is
 * left, close the database and exit 0. A second signal cuts at once.
 */
export function shutDownOnSignals(server: http.Server, requests: RequestTracker, timeoutMs: number): void {
  let cut: () => void = () => {};
  const secondSignal = new Promise<void>((resolve) => {
    cut = resolve;
  });
  const shutDown = async (signal: string) => {
    console.log(
      `Trailbook: ${signal}: shutting down; ${requests.inFlight} request(s) in flight, ` +
        `waiting up to ${timeoutMs / 1000} s (TRAILBOOK_SHUTDOWN_TIMEOUT).`,
    );
    beginShutdown();
    server.close(); // no new connections; idle keep-alive ones close now
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = Promise.race([
      secondSignal,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    const answered = await requests.drain(deadline);
    clearTimeout(timer);
    if (!answered) {
      console.error(`Trailbook: cutting off ${requests.inFlight} request(s) still running.`);
      server.closeAllConnections();
    }
    let code = 0;
    try {
      await closeDatabase();
    } catch (error) {
      console.error(`Trailbook: could not close the database: ${error instanceof Error ? error.message : error}`);
      code = 1;
    }
    console.log(`Trailbook: stopped${answered ? ", every request answered" : ""}.`);
    process.exit(code);
  };
  let started = false;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (started) return cut();
      started = true;
      void shutDown(signal);
    });
  }
}
