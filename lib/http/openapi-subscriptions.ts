import { z } from "zod";
import { AckRequest, CreateSubscriptionRequest, ResetRequest } from "../subscriptions/subscription-schemas";

/**
 * OpenAPI path entries of durable subscriptions (README, Subscribe a service), spread into the
 * document by openapi.ts, generated from the zod schemas that validate the requests.
 */
const schema = (type: z.ZodType) =>
  z.toJSONSchema(type, { unrepresentable: "any", io: "input", target: "draft-2020-12" });
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const body = (type: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(type) } } });
const name = { name: "name", in: "path", required: true, description: "Subscription name", schema: { type: "string" } };
const errors = {
  401: problem("No key, or a bad or revoked key"),
  403: problem("The key lacks the `subscribe` scope"),
  404: problem("No such subscription in the key's tenant"),
  429: problem("Over this key's request rate; wait Retry-After seconds"),
};
const invalid = { 422: problem("Invalid request (or filter: `invalid_query`)") };

export const SUBSCRIPTION_PATHS = {
  "/api/subscriptions": {
    get: {
      summary: "List subscriptions with lag and status (scope subscribe)",
      responses: { 200: ok("{ subscriptions }"), ...errors },
    },
    post: {
      summary: "Create a subscription for the key's tenant; a webhook's secret is shown once (scope subscribe)",
      requestBody: body(CreateSubscriptionRequest),
      responses: { 201: ok("The subscription (with `secret`)"), ...errors, ...invalid, 409: problem("Name taken") },
    },
  },
  "/api/subscriptions/{name}": {
    get: {
      summary: "One subscription: position, lag, status, counters, last error, dead letters (scope subscribe)",
      parameters: [name],
      responses: { 200: ok("{ subscription, deadLetters }"), ...errors },
    },
    delete: {
      summary: "Delete a subscription (scope subscribe)",
      parameters: [name],
      responses: { 204: { description: "Deleted" }, ...errors },
    },
  },
  "/api/subscriptions/{name}/events": {
    get: {
      summary: "Pull the next batch under a lease; long-polls up to `wait` seconds (scope subscribe)",
      parameters: [
        name,
        {
          name: "limit",
          in: "query",
          required: false,
          description: "1-1000 (default 100)",
          schema: { type: "integer" },
        },
        {
          name: "wait",
          in: "query",
          required: false,
          description: "0-60 seconds (default 0)",
          schema: { type: "number" },
        },
      ],
      responses: { 200: ok("{ lease, leaseExpiresAt, events }"), ...errors, ...invalid },
    },
  },
  "/api/subscriptions/{name}/ack": {
    post: {
      summary: "Acknowledge a pulled batch (scope subscribe)",
      parameters: [name],
      requestBody: body(AckRequest),
      responses: { 200: ok("{ position }"), ...errors, ...invalid, 409: problem("`lease_not_held`") },
    },
  },
  "/api/subscriptions/{name}/pause": {
    post: {
      summary: "Pause delivery (scope subscribe)",
      parameters: [name],
      responses: { 200: ok("The subscription"), ...errors },
    },
  },
  "/api/subscriptions/{name}/resume": {
    post: {
      summary: "Resume delivery; a dead subscription replays its dead letter (scope subscribe)",
      parameters: [name],
      responses: { 200: ok("The subscription"), ...errors },
    },
  },
  "/api/subscriptions/{name}/reset": {
    post: {
      summary: "Move the acknowledged position (scope subscribe)",
      parameters: [name],
      requestBody: body(ResetRequest),
      responses: { 200: ok("The subscription"), ...errors, ...invalid },
    },
  },
  "/api/subscriptions/{name}/deliveries": {
    get: {
      summary: "The delivery log: attempts with response codes and times (scope subscribe)",
      parameters: [name],
      responses: { 200: ok("{ deliveries }"), ...errors },
    },
  },
};
