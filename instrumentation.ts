/**
 * Runs once when the server starts: open the database and apply pending migrations before the
 * first request, so a fresh `npm start` is ready when it says so and fails fast if it cannot be.
 * On a fresh installation it also creates the first admin key and prints it, once.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("./lib/db/get-database");
  const { ensureBootstrapKey } = await import("./lib/auth/ensure-bootstrap-key");
  const db = await getDatabase();
  console.log(
    `Trailbook: ${db.kind === "pglite" ? "embedded PGlite database" : "PostgreSQL"} ready, migrations applied.`,
  );
  const secret = await ensureBootstrapKey(db);
  if (secret) {
    console.log(
      `\nTrailbook: created the first admin key. It is shown only this once; store it now:\n\n    ${secret}\n\n` +
        `Use it as "Authorization: Bearer <key>", and create narrower keys with POST /api/keys or npm run keys.\n`,
    );
  }
}
