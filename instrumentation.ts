/**
 * Runs once when the server starts: open the database and apply pending migrations before the
 * first request, so a fresh `npm start` is ready when it says so and fails fast if it cannot be.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("./lib/db/get-database");
  const db = await getDatabase();
  console.log(`Trailbook: ${db.kind === "pglite" ? "embedded PGlite database" : "PostgreSQL"} ready, migrations applied.`);
}
