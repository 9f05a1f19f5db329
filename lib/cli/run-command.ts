import { UsageError } from "./parse-command-line";

/**
 * Error types that mean a bug in Trailbook rather than a problem with the input, the environment or
 * the database; only these keep their stack trace, which is what a bug report needs. Node's own
 * argument errors are TypeErrors too, but carry a `code` (ERR_…), so they count as ordinary failures.
 * Not SyntaxError or RangeError: JSON.parse and Date throw those for bad input.
 */
const BUG_TYPES = [TypeError, ReferenceError];

function isBug(error: unknown): error is Error {
  return BUG_TYPES.some((type) => error instanceof type) && !(error as { code?: unknown }).code;
}

/**
 * An error as one line: its message, then its causes' (a wrapping error such as `fetch failed` says
 * little on its own), with line breaks folded so a terminal shows one line.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let at: unknown = error; at !== undefined && at !== null && parts.length < 5; ) {
    parts.push(at instanceof Error ? at.message : String(at));
    at = at instanceof Error ? at.cause : undefined;
  }
  return parts.filter(Boolean).join(": ").replace(/\s+/g, " ").trim() || "failed without a message";
}

/** `Usage: one line`, or a list under `Usage:` when the command has several forms. */
export function formatUsage(usage: string): string {
  const lines = usage.trim().split("\n");
  return lines.length === 1 ? `Usage: ${lines[0]}` : `Usage:\n${lines.map((line) => `  ${line.trim()}`).join("\n")}`;
}

/**
 * Runs a command's `main` and turns its outcome into an exit code, the same way for every command:
 * the number main returns (default 0); for a usage error the message, the usage and 2; for any
 * other error ONE line, `Trailbook: <message>`, and 1. Operators see a locked data directory, a
 * bad environment variable or a refused connection as a sentence, not as a stack trace.
 */
export async function runCommand(main: () => Promise<unknown>): Promise<void> {
  try {
    const code = await main(); // an exit code, or nothing for 0
    if (typeof code === "number" && code !== 0) process.exitCode = code;
  } catch (error) {
    if (error instanceof UsageError && error.help) {
      console.log(formatUsage(error.usage));
      process.exit(0);
    }
    console.error(`Trailbook: ${describeError(error)}`);
    if (error instanceof UsageError) {
      console.error(formatUsage(error.usage));
      process.exit(2);
    }
    if (isBug(error)) console.error(error.stack);
    // exit(), not exitCode: a half-opened database or server must not keep the process alive. Exit
    // handlers still run (the embedded database's lock is released: lib/db/open-pglite.ts).
    process.exit(1);
  }
}
