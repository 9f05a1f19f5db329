import { buildComponents } from "./openapi-components";
import { EVENT_PATHS } from "./openapi-events";
import { INTEGRITY_PATHS } from "./openapi-integrity";
import { OPERATIONS_PATHS } from "./openapi-operations";
import { SUBSCRIPTION_PATHS } from "./openapi-subscriptions";

const TAGS = [
  { name: "Events", description: "Record events; search, follow and tail the log; events and correlations" },
  { name: "Streams", description: "Streams by name and version; linking stored events into streams" },
  { name: "Export", description: "Exports for auditors, verifiable offline (README, For auditors)" },
  { name: "Integrity", description: "Verification, signed tree heads, receipts, proofs and the offline verifier" },
  { name: "Keys", description: "API keys and their scopes (scope admin)" },
  { name: "Subscriptions", description: "Durable subscriptions: pull, webhook or NATS (scope subscribe)" },
  { name: "Operations", description: "Liveness, readiness, metrics and this document" },
];

/**
 * The OpenAPI 3.1 document. Request bodies are the zod schemas the routes validate with, response
 * bodies the zod mirrors of the verbs' types (openapi-*-schemas.ts), errors the shared Problem.
 * Checked by `npm run lint:openapi` (Redocly, Spectral) and by the API tests, which validate every
 * response they see against it (lib/testing/openapi-validator.ts).
 */
export function buildOpenApi() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Trailbook",
      version: "1",
      description:
        "Append-only, tamper-evident audit log and event store. Every error is application/problem+json " +
        "with a stable `code`; positions are decimal strings; times are ISO 8601 UTC.",
    },
    servers: [{ url: "/", description: "The server that serves this document" }],
    tags: TAGS,
    security: [{ bearer: [] }],
    paths: { ...EVENT_PATHS, ...INTEGRITY_PATHS, ...SUBSCRIPTION_PATHS, ...OPERATIONS_PATHS },
    components: buildComponents(),
  };
}
