import "server-only";
import { Prisma } from "../db/generated/client";
import type { TenantScope } from "../store/tenant-scope";

export const SUBSCRIPTION_MODES = ["pull", "webhook", "nats"] as const;
export type SubscriptionMode = (typeof SUBSCRIPTION_MODES)[number];
export const SUBSCRIPTION_STATUSES = ["active", "paused", "failing", "dead"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** A `subscriptions s` row as every read returns it: bigints and times as text, never a driver's Date. */
export interface SubscriptionRow {
  id: string;
  name: string;
  tenant: string | null;
  filter: string;
  mode: SubscriptionMode;
  status: SubscriptionStatus;
  ackedPosition: string;
  createdAt: string;
  createdBy: string;
  webhookUrl: string | null;
  secretSealed: string | null;
  natsSubjectPrefix: string | null;
  batchSize: number;
  timeoutMs: number;
  maxAttempts: number;
  maxRetrySeconds: number;
  retryBaseMs: number;
  leaseToken: string | null;
  leaseExpiresAt: string | null;
  leaseThrough: string | null;
  attempts: number;
  failingSince: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
  lastDeliveryAt: string | null;
  deliveredCount: string;
  failureCount: string;
  deadLetterCount: string;
}

/** ISO 8601 UTC with milliseconds, written by the database (as lib/store's event columns are). */
export const isoOf = (column: string) =>
  Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The one column list of `subscriptions s`, aliased to {@link SubscriptionRow}. */
export const SUBSCRIPTION_COLUMNS = Prisma.sql`
  s.id::text AS id, s.name, s.tenant, s.filter, s.mode, s.status, s.acked_position::text AS "ackedPosition",
  ${isoOf("s.created_at")} AS "createdAt", s.created_by AS "createdBy", s.webhook_url AS "webhookUrl",
  s.secret_sealed AS "secretSealed", s.nats_subject_prefix AS "natsSubjectPrefix", s.batch_size AS "batchSize",
  s.timeout_ms AS "timeoutMs", s.max_attempts AS "maxAttempts", s.max_retry_seconds AS "maxRetrySeconds",
  s.retry_base_ms AS "retryBaseMs", s.lease_token::text AS "leaseToken",
  ${isoOf("s.lease_expires_at")} AS "leaseExpiresAt", s.lease_through::text AS "leaseThrough", s.attempts,
  ${isoOf("s.failing_since")} AS "failingSince", ${isoOf("s.next_attempt_at")} AS "nextAttemptAt",
  s.last_error AS "lastError", ${isoOf("s.last_delivery_at")} AS "lastDeliveryAt",
  s.delivered_count::text AS "deliveredCount", s.failure_count::text AS "failureCount",
  s.dead_letter_count::text AS "deadLetterCount"`;

/**
 * Which subscriptions a caller may see and manage: a tenant-bound key its tenant's, a key bound
 * to none every one. A subscription of another tenant behaves exactly like one that does not exist.
 */
export function subscriptionsInScope(scope: TenantScope): Prisma.Sql {
  return scope === "all-tenants" ? Prisma.sql`TRUE` : Prisma.sql`s.tenant = ${scope.tenant}`;
}

/**
 * By name, as the API addresses them: names are unique per tenant, and a key bound to no tenant
 * addresses the subscriptions created by such keys (NULL tenant).
 */
export function subscriptionNamed(scope: TenantScope, name: string): Prisma.Sql {
  const tenant = scope === "all-tenants" ? Prisma.sql`s.tenant IS NULL` : Prisma.sql`s.tenant = ${scope.tenant}`;
  return Prisma.sql`${tenant} AND s.name = ${name}`;
}

/** The tenants whose events a subscription delivers: its creator's scope, kept with it. */
export function eventScopeOf(row: Pick<SubscriptionRow, "tenant">): TenantScope {
  return row.tenant === null ? "all-tenants" : { tenant: row.tenant };
}
