import { body, json, operation, pathParam, query, schemaRef } from "./openapi-helpers";

/**
 * OpenAPI path entries of durable subscriptions (README, Subscribe a service), spread into the
 * document by openapi.ts. Scope subscribe; a key sees its tenant's subscriptions only.
 */
const name = pathParam("name", "Subscription name", { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$" });
const tag = "Subscriptions";
const found = { found: true };

export const SUBSCRIPTION_PATHS = {
  "/api/subscriptions": {
    get: operation({
      id: "listSubscriptions",
      tag,
      summary: "List subscriptions",
      description: "Scope subscribe. The subscriptions the key may see, with lag and status.",
      ok: { 200: json("SubscriptionList", "The subscriptions") },
    }),
    post: operation({
      id: "createSubscription",
      tag,
      summary: "Create a subscription",
      description: "Scope subscribe. For the key's tenant; a webhook's secret is in this answer only.",
      requestBody: body(schemaRef("CreateSubscriptionRequest")),
      ok: { 201: json("CreatedSubscription", "The subscription (with `secret` for a webhook)") },
      errors: { conflict: true },
    }),
  },
  "/api/subscriptions/{name}": {
    get: operation({
      id: "getSubscription",
      tag,
      summary: "One subscription",
      description: "Scope subscribe. Position, lag, status, counters, last error and dead letters.",
      parameters: [name],
      ok: { 200: json("SubscriptionDetail", "The subscription") },
      errors: found,
    }),
    delete: operation({
      id: "deleteSubscription",
      tag,
      summary: "Delete a subscription",
      description: "Scope subscribe. With its delivery log and dead letters.",
      parameters: [name],
      ok: { 204: { description: "Deleted" } },
      errors: found,
    }),
  },
  "/api/subscriptions/{name}/events": {
    get: operation({
      id: "pullEvents",
      tag,
      summary: "Pull the next batch",
      description: "Scope subscribe. The next batch under a lease; long-polls up to `wait` seconds. Ack it with …/ack.",
      parameters: [
        name,
        query("limit", "Events in the batch", { type: "integer", minimum: 1, maximum: 1000, default: 100 }),
        query("wait", "Seconds to wait for a first event", { type: "number", minimum: 0, maximum: 60, default: 0 }),
      ],
      ok: { 200: json("PulledBatch", "The batch (no events and no lease when there is nothing new)") },
      errors: found,
    }),
  },
  "/api/subscriptions/{name}/ack": {
    post: operation({
      id: "ackEvents",
      tag,
      summary: "Acknowledge a pulled batch",
      description: "Scope subscribe. The whole batch, or its events up to `position`.",
      parameters: [name],
      requestBody: body(schemaRef("AckRequest")),
      ok: { 200: json("AckResult", "The acknowledged position") },
      errors: { found: true, conflict: true },
    }),
  },
  "/api/subscriptions/{name}/pause": {
    post: operation({
      id: "pauseSubscription",
      tag,
      summary: "Pause delivery",
      description: "Scope subscribe. Delivery stops where it is; the position stays.",
      parameters: [name],
      ok: { 200: json("SubscriptionDetail", "The subscription") },
      errors: found,
    }),
  },
  "/api/subscriptions/{name}/resume": {
    post: operation({
      id: "resumeSubscription",
      tag,
      summary: "Resume delivery",
      description: "Scope subscribe. A dead subscription replays its dead letter.",
      parameters: [name],
      ok: { 200: json("SubscriptionDetail", "The subscription") },
      errors: found,
    }),
  },
  "/api/subscriptions/{name}/reset": {
    post: operation({
      id: "resetSubscription",
      tag,
      summary: "Move the position",
      description: "Scope subscribe. Events after the new position are delivered (again, or skipped).",
      parameters: [name],
      requestBody: body(schemaRef("ResetRequest")),
      ok: { 200: json("SubscriptionDetail", "The subscription") },
      errors: found,
    }),
  },
  "/api/subscriptions/{name}/deliveries": {
    get: operation({
      id: "listDeliveries",
      tag,
      summary: "The delivery log",
      description: "Scope subscribe. The newest attempts with response codes, times and errors.",
      parameters: [name],
      ok: { 200: json("DeliveryList", "The newest attempts, newest first") },
      errors: found,
    }),
  },
};
