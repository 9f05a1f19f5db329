import { z } from "zod";
import { CreateKeyRequest } from "../auth/create-api-key";
import { RecordBatch, RecordOne } from "../ingest/record-request";
import { SEARCH_FIELDS } from "../query/build-where";
import { ExpectedVersion } from "../store/schemas";
import { OPERATIONS_PATHS } from "./openapi-operations";
import { SUBSCRIPTION_PATHS } from "./openapi-subscriptions";

const schema = (type: z.ZodType) =>
  z.toJSONSchema(type, { unrepresentable: "any", io: "input", target: "draft-2020-12" });
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const query = (name: string, description: string, type = "string") => ({
  name,
  in: "query",
  required: false,
  description,
  schema: { type },
});
const path = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});
const errors = {
  401: problem("No key, or a bad or revoked key"),
  403: problem("The key lacks the scope, or names another tenant"),
  429: {
    ...problem("Over this key's request rate; wait Retry-After seconds"),
    headers: { "Retry-After": { schema: { type: "integer" } } },
  },
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApi() {
  return {
    openapi: "3.1.0",
    info: { title: "Trailbook", version: "1", description: "Append-only, tamper-evident audit log and event store." },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key (tb_…) or TRAILBOOK_ADMIN_TOKEN" },
      },
      schemas: {
        RecordOne: schema(RecordOne),
        RecordBatch: schema(RecordBatch),
        ExpectedVersion: schema(ExpectedVersion),
        CreateKey: schema(CreateKeyRequest),
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail", "code"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            code: { type: "string", description: "Stable error code" },
            errors: {
              type: "array",
              items: {
                type: "object",
                properties: { path: { type: "string" }, message: { type: "string" }, position: { type: "integer" } },
              },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      "/api/health": {
        get: {
          summary: "Liveness (public): the process answers, its database is open and migrated",
          security: [],
          responses: { 200: ok("Healthy"), 503: problem("Database unreachable") },
        },
      },
      ...OPERATIONS_PATHS,
      ...SUBSCRIPTION_PATHS,
      "/api/openapi.json": {
        get: { summary: "This document (public)", security: [], responses: { 200: ok("OpenAPI 3.1") } },
      },
      "/api/events": {
        post: {
          summary: "Record one event or an atomic batch (scope write)",
          parameters: [
            { name: "X-Correlation-Id", in: "header", schema: { type: "string" } },
            { name: "X-Causation-Id", in: "header", schema: { type: "string", format: "uuid" } },
            { name: "traceparent", in: "header", schema: { type: "string" } },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  oneOf: [{ $ref: "#/components/schemas/RecordOne" }, { $ref: "#/components/schemas/RecordBatch" }],
                },
              },
            },
          },
          responses: {
            201: ok("Stored"),
            200: ok("Replay: every event was already stored identically"),
            400: problem("Malformed JSON"),
            ...errors,
            409: problem("wrong_expected_version or event_id_conflict"),
            413: problem("Body over 1 MiB"),
            422: problem("Schema violations, every path listed"),
          },
        },
        get: {
          summary: "Search the log, newest first; follow it with after= (scope read)",
          parameters: [
            query(
              "q",
              `Search language: words, "phrases", field:value, -field:value. Fields: ${SEARCH_FIELDS.join(", ")}`,
            ),
            query("cursor", "next or prev from a previous page"),
            query("after", "Follow: positions after this one, oldest first"),
            query("direction", "backward (default) or forward"),
            query("limit", "1-1000, default 50", "integer"),
          ],
          responses: {
            200: ok("{ events, next, prev }"),
            ...errors,
            422: problem("invalid_query with the character position"),
          },
        },
      },
      "/api/events/live": {
        get: {
          summary: "Server-Sent Events of new matching events; id is the position, Last-Event-ID resumes (scope read)",
          parameters: [query("q", "Search language"), query("after", "Start after this position")],
          responses: { 200: { description: "text/event-stream" }, ...errors },
        },
      },
      "/api/events/{id}": {
        get: {
          summary: "One event with streams, causedBy and caused (scope read)",
          parameters: [path("id", "Event id")],
          responses: { 200: ok("The event"), ...errors, 404: problem("No such event (for this tenant)") },
        },
      },
      "/api/streams": {
        get: {
          summary: "Streams with counts (scope read)",
          parameters: [
            query("prefix", "Name prefix"),
            query("cursor", "next from the previous page"),
            query("limit", "1-1000", "integer"),
          ],
          responses: { 200: ok("{ streams, next }"), ...errors },
        },
      },
      "/api/streams/{name}": {
        get: {
          summary: "A stream's events by version (scope read)",
          parameters: [
            path("name", "Stream name"),
            query("fromVersion", "First version", "integer"),
            query("direction", "forward or backward"),
            query("limit", "1-1000", "integer"),
          ],
          responses: { 200: ok("{ stream, events, next }"), ...errors },
        },
      },
      "/api/streams/{name}/links": {
        post: {
          summary: "Link stored events into a stream (scope write)",
          parameters: [path("name", "Stream name")],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["eventIds"],
                  properties: {
                    eventIds: { type: "array", items: { type: "string", format: "uuid" } },
                    expectedVersion: { $ref: "#/components/schemas/ExpectedVersion" },
                  },
                },
              },
            },
          },
          responses: {
            201: ok("Linked"),
            200: ok("Already linked"),
            ...errors,
            404: problem("Unknown event"),
            409: problem("Version mismatch or already in the stream"),
          },
        },
      },
      "/api/correlations/{id}": {
        get: {
          summary: "A correlation's events and causation tree (scope read)",
          parameters: [path("id", "Correlation id")],
          responses: { 200: ok("{ correlationId, events, tree, truncated }"), ...errors },
        },
      },
      "/api/export": {
        get: {
          summary:
            "Stream exactly the events a search lists, oldest first, as CSV or JSONL, " +
            "ending with a signed manifest (scope export)",
          parameters: [query("q", "Search language"), query("format", "csv (default) or jsonl")],
          responses: {
            200: { description: "text/csv or application/x-ndjson, streamed" },
            ...errors,
            422: problem("invalid_query"),
          },
        },
      },
      "/api/verify": {
        get: {
          summary: "Recompute the hash chain and check signed checkpoints (scope read)",
          parameters: [query("from", "First position"), query("to", "Last position")],
          responses: { 200: ok("{ ok, checked, head, firstBad?, checkpoints }"), ...errors },
        },
      },
      "/api/checkpoints": {
        get: {
          summary: "Signed tree heads (RFC 9162 STHs, chained), newest first (scope read)",
          responses: { 200: ok("{ treeHeads }"), ...errors },
        },
        post: {
          summary: "Sign a tree head over the whole log now (scope admin)",
          responses: { 201: ok("{ treeHead }"), 200: ok("{ treeHead }: the log has not grown"), ...errors },
        },
      },
      "/api/checkpoints/public-key": {
        get: {
          summary: "The current Ed25519 public key (PEM) for tree heads and export manifests (scope read)",
          responses: { 200: { description: "application/x-pem-file" }, ...errors },
        },
      },
      "/api/checkpoints/public-keys": {
        get: {
          summary: "Every public key that ever signed for this log (the keyring), the current one marked (scope read)",
          responses: { 200: ok("{ keys: [{ keyId, publicKey, current }] }"), ...errors },
        },
      },
      "/api/events/{id}/receipt": {
        get: {
          summary: "A receipt: the event as hashed, a signed tree head and its inclusion proof (scope read)",
          parameters: [path("id", "Event id")],
          responses: {
            200: ok("{ trailbook, version, event, leafIndex, treeHead, inclusionProof }"),
            ...errors,
            404: problem("No such event (for this tenant)"),
          },
        },
      },
      "/api/proofs/consistency": {
        get: {
          summary: "RFC 9162 consistency proof between two tree sizes (scope read)",
          parameters: [
            query("first", "The older tree size", "integer"),
            query("second", "The newer tree size", "integer"),
          ],
          responses: { 200: ok("{ first, second, proof }"), ...errors, 422: problem("Sizes out of range") },
        },
      },
      "/api/verifier": {
        get: {
          summary: "The offline verifier as one file, trailbook-verify.mjs: its SHA-256 is in the README (scope read)",
          responses: { 200: { description: "text/javascript, as an attachment" }, ...errors },
        },
      },
      "/api/keys": {
        get: { summary: "List keys (scope admin)", responses: { 200: ok("{ keys }"), ...errors } },
        post: {
          summary: "Create a key; its secret is shown once (scope admin)",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/CreateKey" } } },
          },
          responses: { 201: ok("The key with its secret"), ...errors, 422: problem("Invalid request") },
        },
      },
      "/api/keys/{id}": {
        delete: {
          summary: "Revoke a key (scope admin)",
          parameters: [path("id", "Key id")],
          responses: { 200: ok("The revoked key"), ...errors, 404: problem("No such key") },
        },
      },
    },
  };
}
