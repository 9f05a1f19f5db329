import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { ValidationError } from "../errors";
import type { StoredEvent } from "../store/event-record";
import { readHead } from "../store/read-head";
import type { TenantScope } from "../store/tenant-scope";
import { parseOrThrow } from "../validation/parse-or-throw";
import { claimLease, releaseIdleLease } from "./claim-lease";
import { findSubscription } from "./find-subscription";
import { readSubscriptionBatch } from "./read-subscription-batch";
import { isoOf, subscriptionNamed } from "./subscription-record";
import { PullRequest } from "./subscription-schemas";

/** A pulled batch: ack it with `lease` before `leaseExpiresAt`, or it is delivered again. */
export interface PulledBatch {
  lease: string | null;
  leaseExpiresAt: string | null;
  events: StoredEvent[];
}

const POLL_MS = 250;

/**
 * The next batch of a pull subscription after its acknowledged position, under a lease that holds
 * for the subscription's `timeoutMs`: while it holds, another consumer gets no events (it waits,
 * up to its own `wait`), so two consumers never hold the same batch. Unacknowledged, the batch is
 * delivered again once the lease expires: at least once, in position order. With no events,
 * waits up to `wait` seconds for one (long poll), polling the log, never holding a connection.
 */
export async function pullEvents(
  db: Database,
  scope: TenantScope,
  name: string,
  query: unknown,
  signal?: AbortSignal,
): Promise<PulledBatch> {
  const { limit, wait } = parseOrThrow(PullRequest, query);
  const subscription = await findSubscription(db, scope, name);
  if (subscription.mode !== "pull") {
    throw new ValidationError([{ path: "name", message: `${name} delivers by ${subscription.mode}, not pull` }]);
  }
  const deadline = Date.now() + wait * 1000;
  for (;;) {
    const token = randomUUID();
    const where = Prisma.sql`${subscriptionNamed(scope, name)} AND s.status = 'active'`;
    const claimed = await claimLease(db, where, token, subscription.timeoutMs);
    if (claimed) {
      const head = (await readHead(db))?.position ?? "0";
      const events = await readSubscriptionBatch(db, claimed, limit);
      if (events.length > 0) {
        const [lease] = await db.query<{ expiresAt: string }>(Prisma.sql`
          UPDATE subscriptions s SET lease_through = ${events.at(-1)!.position}::bigint
           WHERE s.id = ${claimed.id}::uuid AND s.lease_token = ${token}::uuid
          RETURNING ${isoOf("s.lease_expires_at")} AS "expiresAt"`);
        if (lease) return { lease: token, leaseExpiresAt: lease.expiresAt, events };
      } else {
        await releaseIdleLease(db, claimed.id, token, head);
      }
    }
    const left = deadline - Date.now();
    if (left <= 0 || signal?.aborted) return { lease: null, leaseExpiresAt: null, events: [] };
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
  }
}
