// `npm run worker`: delivers webhook and NATS subscriptions in a process of its own, beside (or
// instead of) the servers' own workers; they coordinate through the database (README, Subscribe a
// service). Stops cleanly on SIGINT/SIGTERM; a kill -9 only delays delivery until the leases expire.
import { parseCommandLine } from "../lib/cli/parse-command-line";
import { runCommand } from "../lib/cli/run-command";
import { getDatabase } from "../lib/db/get-database";
import { closeNats } from "../lib/subscriptions/publish-to-nats";
import { startDeliveryWorker } from "../lib/subscriptions/start-delivery-worker";

await runCommand(async () => {
  parseCommandLine("npm run worker");
  const db = await getDatabase();
  const stop = startDeliveryWorker(db);
  console.log(
    `Trailbook: delivery worker running on ${db.kind === "pglite" ? "the embedded database" : "PostgreSQL"}.`,
  );
  // The worker's timers do not keep a process alive (in the server they must not): this does.
  const keepAlive = setInterval(() => {}, 60_000);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  clearInterval(keepAlive);
  await stop();
  await closeNats();
  await db.close();
});
