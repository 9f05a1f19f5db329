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
 * own timers and reads, apart from ingest. Each of its `concurrency` slots delivers one
 * subscription and takes the next due one as soon as it is done, so a slow receiver holds only
 * its own slot, never the others' deliveries. A subscription whose position is at the head and
 * has no retry due is not even looked at. A failure is reported once per streak and retried; it
 * never stops the server.
 */
export function startDeliveryWorker(db: Database, options: DeliveryWorkerOptions = {}): () => Promise<void> {
  const idleMs = options.idleMs ?? 200;
  const concurrency = options.concurrency ?? 4;
  /** Subscriptions this process is delivering now, each in a slot of its own. */
  const inFlight = new Map<string, Promise<void>>();
  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  /** The step running now, if any; `again` asks for one more after it (steps never overlap). */
  let stepping: Promise<void> | null = null;
  let again = false;
  const report = (error: unknown) => {
    if (!failing) console.error(`Trailbook: subscription delivery failed, retrying: ${(error as Error).message}`);
    failing = true;
  };
  const wake = () => {
    if (stopped) return;
    if (stepping) {
      again = true;
      return;
    }
    clearTimeout(timer);
    stepping = step().finally(() => {
      stepping = null;
      if (again) {
        again = false;
        wake();
      }
    });
  };
  /** Fills the free slots with due subscriptions, then sleeps until a slot frees, an append or the poll. */
  const step = async () => {
    try {
      const free = concurrency - inFlight.size;
      if (free > 0) {
        const head = (await readHead(db))?.position ?? "0";
        const due = await db.query<{ id: string }>(Prisma.sql`
          SELECT s.id::text AS id FROM subscriptions s
           WHERE ${DUE} AND (s.lease_expires_at IS NULL OR s.lease_expires_at <= now())
             AND (s.acked_position < ${head}::bigint OR s.status = 'failing')
             AND NOT (s.id::text = ANY(${[...inFlight.keys()]}::text[]))
           ORDER BY s.last_delivery_at NULLS FIRST LIMIT ${free}`);
        for (const { id } of due) {
          if (stopped) break;
          const delivery = deliverOnce(db, id)
            .then(() => {
              failing = false;
            }, report)
            .finally(() => {
              inFlight.delete(id);
              wake();
            });
          inFlight.set(id, delivery);
        }
      }
    } catch (error) {
      report(error);
    }
    if (!stopped) {
      timer = setTimeout(wake, failing ? 5_000 : idleMs);
      timer.unref();
    }
  };
  // An append in this process starts a step at once when a slot is free; other processes'
  // appends wait for the poll. A subscription being delivered picks up new events itself.
  const unsubscribe = onAppended(() => {
    if (inFlight.size < concurrency) wake();
  });
  wake();
  return async () => {
    stopped = true;
    unsubscribe();
    clearTimeout(timer);
    await stepping;
    await Promise.all(inFlight.values());
  };
}
