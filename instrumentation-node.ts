/**
 * The Node.js side of instrumentation.ts, imported only in the Node.js runtime so that no Edge
 * bundle traces the database, the file system or process control.
 */
export async function startTrailbook(): Promise<void> {
  const once = globalThis as typeof globalThis & { trailbookStarted?: Promise<void> };
  once.trailbookStarted ??= start().catch((error: unknown) => {
    // A server that cannot open its database or must not sign (a key that is not the log's) stops
    // here with one line: Next would otherwise print the error three times with stack traces.
    console.error(`Trailbook: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
  await once.trailbookStarted;
}
async function start(): Promise<void> {
  const { getDatabase } = await import("./lib/db/get-database");
  const { ensureBootstrapKey } = await import("./lib/auth/ensure-bootstrap-key");
  const { startSigning } = await import("./lib/integrity/start-signing");
  const { startSearchIndexer } = await import("./lib/ingest/start-search-indexer");
  const { startDeliveryWorker } = await import("./lib/subscriptions/start-delivery-worker");
  const db = await getDatabase();
  console.log(
    `Trailbook: ${db.kind === "pglite" ? "embedded PGlite database" : "PostgreSQL"} ready, migrations applied.`,
  );
  await startSigning(db);
  startSearchIndexer(db);
  const stopDelivery = startDeliveryWorker(db);
  // On SIGTERM no new delivery starts; ones under way end or are sent again (at least once).
  const { shutdownSignal } = await import("./lib/lifecycle/shutdown-signal");
  shutdownSignal().addEventListener("abort", () => void stopDelivery(), { once: true });
  const secret = await ensureBootstrapKey(db);
  if (secret) {
    console.log(
      `\nTrailbook: created the first admin key. It is shown only this once; store it now:\n\n    ${secret}\n\n` +
        `Use it as "Authorization: Bearer <key>", and create narrower keys with POST /api/keys or npm run keys.\n`,
    );
  }
}
