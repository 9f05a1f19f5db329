// `npm start`: build when the production build is missing or older than the sources, then serve it
// from this process with explicit HTTP timeouts (lib/cli/serve.ts). Migrations run inside the
// server (instrumentation.ts). Settings come from the environment (lib/config.ts), not arguments.

import { allowServerOnly } from "../lib/cli/allow-server-only";
import { buildIfStale } from "../lib/cli/build-if-stale";
import { parseCommandLine } from "../lib/cli/parse-command-line";
import { runCommand } from "../lib/cli/run-command";
import { checkPortFree, serve } from "../lib/cli/serve";
import { config } from "../lib/config";

allowServerOnly();
// The server stops any one SQL statement after 10 s unless told otherwise (lib/config.ts); commands don't.
process.env.TRAILBOOK_STATEMENT_TIMEOUT ??= "10";
await runCommand(async () => {
  parseCommandLine("npm start   (PORT, DATABASE_URL, TRAILBOOK_DATA_DIR, …: see README, Configuration)");
  // Every setting the server reads, read now: a bad value is one line before a build that takes
  // minutes, not an error at the first request.
  const { port, timeouts, shutdownTimeoutMs } = config;
  void [config.rateLimit, config.checkpointEvery, config.checkpointMaxAgeMs, config.adminToken, config.witnessUrls];
  void [config.logLevel, config.metricsToken];
  // The port first: a build takes minutes, and nothing should be built, migrated or minted (the
  // first admin key) for a server that cannot listen. serve() listens again before Next prepares,
  // in case another process took the port during the build.
  await checkPortFree(port);
  buildIfStale(process.cwd());
  await serve(port, timeouts, shutdownTimeoutMs);
});
