import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { NotFound } from "../errors";
import { readHead } from "../store/read-head";
import type { TenantScope } from "../store/tenant-scope";
import { parseOrThrow } from "../validation/parse-or-throw";
import { subscriptionNamed } from "./subscription-record";
import { ResetRequest } from "./subscription-schemas";

/**
 * Moves the acknowledged position: back to deliver events again, forward to skip them (a poison
 * event, a backlog nobody needs). Any lease ends and the retry budget starts afresh; a failing or
 * dead subscription becomes active, a paused one stays paused.
 */
export async function resetSubscription(
  db: Database,
  scope: TenantScope,
  name: string,
  request: unknown,
): Promise<{ position: string }> {
  const { position } = parseOrThrow(ResetRequest, request);
  const to = position === "beginning" ? "0" : position === "now" ? ((await readHead(db))?.position ?? "0") : position;
  const rows = await db.query(Prisma.sql`
    UPDATE subscriptions s SET acked_position = ${to}::bigint, lease_token = NULL, lease_expires_at = NULL,
           lease_through = NULL, attempts = 0, failing_since = NULL, next_attempt_at = NULL,
           status = CASE WHEN s.status = 'paused' THEN 'paused' ELSE 'active' END
     WHERE ${subscriptionNamed(scope, name)} RETURNING s.id`);
  if (rows.length === 0) throw new NotFound(`Subscription ${name}`);
  return { position: to };
}
