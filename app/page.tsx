import { checkHealth } from "@/lib/db/check-health";
import { getDatabase } from "@/lib/db/get-database";
import styles from "./page.module.css";

export const dynamic = "force-dynamic";

/** The landing page shows service status only: no event data is readable without credentials. */
export default async function HomePage() {
  const health = await checkHealth(await getDatabase());
  return (
    <main className={styles.main}>
      <h1>Trailbook</h1>
      <p className={styles.lead}>Audit log and event store: append-only, hash-chained, searchable.</p>
      <dl className={styles.status} aria-label="Service status">
        <dt>Status</dt>
        <dd className={styles.ok}>{health.status}</dd>
        <dt>Database</dt>
        <dd>{health.database === "pglite" ? "Embedded (PGlite)" : "PostgreSQL"}</dd>
        <dt>Migrations applied</dt>
        <dd>{health.migrations}</dd>
      </dl>
      <p>
        Machine-readable health: <a href="/api/health">/api/health</a>
      </p>
    </main>
  );
}
