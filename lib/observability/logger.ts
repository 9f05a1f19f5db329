import pino, { type DestinationStream, type Logger } from "pino";
import { config, type LogLevel } from "../config";

// One logger per process, on globalThis: Next's server bundle and the lean ingest path
// (lib/cli/lean-ingest.ts) load lib/ modules separately, and both must write the same stream.
const slot = globalThis as typeof globalThis & { trailbookLogger?: Logger };

/**
 * A JSON-lines logger: one object a line with `level` as its name, an ISO `time` and the pid.
 * Writes are synchronous, so nothing is lost when the process exits right after a line.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The process's logger: stdout, at TRAILBOOK_LOG_LEVEL (default info), created at first use. */
export function logger(): Logger {
  slot.trailbookLogger ??= createLogger(config.logLevel);
  return slot.trailbookLogger;
}

/** Replaces the process's logger (tests capture its lines); undefined: back to stdout at first use. */
export function setLogger(next: Logger | undefined): void {
  slot.trailbookLogger = next;
}
