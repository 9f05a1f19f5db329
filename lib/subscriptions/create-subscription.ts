import "server-only";
import { randomUUID } from "node:crypto";
import type { Principal } from "../auth/principal";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { SubscriptionExists, ValidationError } from "../errors";
import { searchConditions } from "../query/build-where";
import { readHead } from "../store/read-head";
import { parseOrThrow } from "../validation/parse-or-throw";
import { refuseWebhookUrl } from "./check-webhook-target";
import { subscriptionLag } from "./subscription-lag";
import { SUBSCRIPTION_COLUMNS, type SubscriptionRow } from "./subscription-record";
import { CreateSubscriptionRequest } from "./subscription-schemas";
import { type SubscriptionView, toSubscriptionView } from "./subscription-view";
import { newWebhookSecret, sealSecret } from "./webhook-secret";

/** A new subscription; `secret` (webhooks) is shown here and never again. */
export type CreatedSubscription = SubscriptionView & { secret?: string };

/**
 * Creates a subscription for the principal's tenant (never one named in the request). The filter
 * is compiled now, so a bad one is a 422 with its position; a webhook URL is checked (scheme,
 * DNS, address ranges) now and again at every connection.
 */
export async function createSubscription(
  db: Database,
  request: unknown,
  principal: Principal,
): Promise<CreatedSubscription> {
  const input = parseOrThrow(CreateSubscriptionRequest, request);
  searchConditions(input.filter);
  if (input.webhook) {
    const refused = await refuseWebhookUrl(input.webhook.url);
    if (refused) throw new ValidationError([{ path: "webhook.url", message: refused }]);
  }
  const start =
    input.start === "beginning" ? "0" : input.start === "now" ? ((await readHead(db))?.position ?? "0") : input.start;
  const id = randomUUID();
  const secret = input.mode === "webhook" ? newWebhookSecret() : undefined;
  const { delivery } = input;
  const [row] = await db.query<SubscriptionRow>(Prisma.sql`
    INSERT INTO subscriptions AS s (id, name, tenant, filter, mode, acked_position, created_by, webhook_url,
           secret_sealed, nats_subject_prefix, batch_size, timeout_ms, max_attempts, max_retry_seconds, retry_base_ms)
    VALUES (${id}::uuid, ${input.name}, ${principal.tenant}, ${input.filter}, ${input.mode}, ${start}::bigint,
            ${principal.keyId ?? principal.name}, ${input.webhook?.url ?? null},
            ${secret ? sealSecret(secret, id) : null}, ${input.nats?.subjectPrefix ?? null}, ${delivery.batchSize},
            ${delivery.timeoutMs}, ${delivery.maxAttempts}, ${delivery.maxSeconds}, ${delivery.initialDelayMs})
    ON CONFLICT ON CONSTRAINT subscriptions_tenant_name_key DO NOTHING
    RETURNING ${SUBSCRIPTION_COLUMNS}`);
  if (!row) throw new SubscriptionExists(input.name);
  return { ...toSubscriptionView(row, await subscriptionLag(db, row)), ...(secret && { secret }) };
}
