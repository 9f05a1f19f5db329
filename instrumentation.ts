/**
 * Runs when the server starts: open the database and apply pending migrations before the first
 * request, so a fresh `npm start` is ready when it says so and fails fast if it cannot be. It then
 * checks the signing key against the log and starts signing tree heads (lib/integrity) and indexing
 * events for free-text search (lib/ingest/start-search-indexer.ts) and delivering subscriptions
 * (lib/subscriptions/start-delivery-worker.ts). On a fresh
 * installation it also creates the first admin key and prints it, once. Next may call it more than
 * once in one process; the work runs once.
 */
export async function register(): Promise<void> {
  // The import inside the check, so the Edge build leaves instrumentation-node.ts out.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startTrailbook } = await import("./instrumentation-node");
    await startTrailbook();
  }
}
