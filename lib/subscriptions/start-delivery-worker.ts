import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { onAppended } from "../store/append-signal";
import { readHead } from "../store/read-head";
import { DUE, deliverOnce } from "./deliver-once";

export interface DeliveryWorkerOptions {
  /** How often an idle worker looks for work (default 200 ms). */
  idleMs?: number;
  /** Subscriptions delivered at once by this process (default 4). */
  concurrency?: number;
}

/**
 * Delivers webhook and NATS subscriptions in this process until stopped: the server starts one
 * (instrumentation.ts) and `npm run worker` runs one alone; any number may run against one
 * database, as each subscription is delivered under its lease (deliver-once.ts). It runs on its
 * own timers and reads, apart from ingest: a slow receiver holds only its own subscription. A
 * subscription whose position is at the head and has no retry due is not even looked at. A
 * failure is reported once per streak and retried; it never stops the server.
 */
export function startDeliveryWorker(db: Database, options: DeliveryWorkerOptions = {}): () => Promise<void> {
  const idleMs = options.idleMs ?? 200;
  const concurrency = options.concurrency ?? 4;
  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  /** Waiting for the idle poll, with no step running: an append may start the next step early. */
  let idle = false;
  const step = async () => {
    let busy = false;
    try {
      const head = (await readHead(db))?.position ?? "0";
      const due = await db.query<{ id: string }>(Prisma.sql`
        SELECT s.id::text AS id FROM subscriptions s
         WHERE ${DUE} AND (s.lease_expires_at IS NULL OR s.lease_expires_at <= now())
           AND (s.acked_position < ${head}::bigint OR s.status = 'failing')
         ORDER BY s.last_delivery_at NULLS FIRST LIMIT ${concurrency * 4}`);
      for (let i = 0; i < due.length && !stopped; i += concurrency) {
        const sent = await Promise.all(due.slice(i, i + concurrency).map(({ id }) => deliverOnce(db, id)));
        busy ||= sent.some(Boolean);
      }
      failing = false;
    } catch (error) {
      if (!failing) console.error(`Trailbook: subscription delivery failed, retrying: ${(error as Error).message}`);
      failing = true;
    }
    if (!stopped) {
      idle = !busy && !failing;
      timer = setTimeout(
        () => {
          idle = false;
          running = step();
        },
        busy ? 0 : failing ? 5_000 : idleMs,
      );
      timer.unref();
    }
  };
  // An append in this process wakes an idle worker at once; other processes' appends wait for the poll.
  const unsubscribe = onAppended(() => {
    if (!idle || stopped) return;
    idle = false;
    clearTimeout(timer);
    running = step();
  });
  running = step();
  return async () => {
    stopped = true;
    unsubscribe();
    clearTimeout(timer);
    await running;
  };
}
