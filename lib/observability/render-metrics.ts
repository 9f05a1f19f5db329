import "server-only";
import type { Database } from "../db/database";
import { metrics } from "./metrics";

/**
 * The process's metrics in Prometheus text format, with the database pool's use read now
 * (PostgreSQL only: PGlite is one connection in this process, with no pool to watch).
 */
export async function renderMetrics(db: Database): Promise<{ contentType: string; text: string }> {
  const { registry, dbPool } = metrics();
  const pool = db.stats?.();
  if (pool) {
    dbPool.set({ state: "total" }, pool.total);
    dbPool.set({ state: "idle" }, pool.idle);
    dbPool.set({ state: "waiting" }, pool.waiting);
  }
  return { contentType: registry.contentType, text: await registry.metrics() };
}
