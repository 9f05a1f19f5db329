import { z } from "zod";
import { CreateKeyRequest } from "../auth/create-api-key";
import { RecordBatch, RecordOne } from "../ingest/record-request";
import { ExpectedVersion } from "../store/schemas";
import { AckRequest, CreateSubscriptionRequest, ResetRequest } from "../subscriptions/subscription-schemas";
import * as eventSchemas from "./openapi-event-schemas";
import * as integritySchemas from "./openapi-integrity-schemas";
import { PROBLEM_RESPONSES, Problem } from "./openapi-problems";
import * as subscriptionSchemas from "./openapi-subscription-schemas";

/** `POST /api/streams/{name}/links`, as its route validates it. */
export const LinkRequest = z
  .object({ eventIds: z.array(z.uuid()).min(1).max(1000), expectedVersion: ExpectedVersion.optional() })
  .strict();

/** Request bodies: the very schemas the routes parse with, as they accept input. */
const REQUESTS = {
  RecordOne,
  RecordBatch,
  ExpectedVersion,
  CreateKeyRequest,
  LinkRequest,
  CreateSubscriptionRequest,
  AckRequest,
  ResetRequest,
};

/** Response bodies, as the server writes them (every zod schema the three modules export). */
const RESPONSES = { ...eventSchemas, ...integritySchemas, ...subscriptionSchemas };

type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) of every schema in `named`, each under its
 * name in components.schemas and referring to the others there by `$ref`.
 */
function componentSchemas(named: Record<string, unknown>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) {
    if (schema instanceof z.ZodType) registry.add(schema, { id });
  }
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  // Each is a component of this document, not a standalone schema: no $schema or $id of its own.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, openObjects(schema)]),
  );
}

/**
 * A bare `{ type: "object" }` (a JSON object of any fields: data, metadata) says so explicitly with
 * `additionalProperties: {}`: generators such as openapi-typescript read a bare one as an empty object.
 */
function openObjects<T>(node: T): T {
  if (Array.isArray(node)) return node.map(openObjects) as T;
  if (typeof node !== "object" || node === null) return node;
  const schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, openObjects(value)]));
  const bare = schema.type === "object" && !("properties" in schema) && !("additionalProperties" in schema);
  return (bare ? { ...schema, additionalProperties: {} } : schema) as T;
}

/** The document's components: schemas, the shared error responses, security. */
export function buildComponents() {
  return {
    securitySchemes: {
      bearer: {
        type: "http",
        scheme: "bearer",
        description: "An API key (tb_…) or TRAILBOOK_ADMIN_TOKEN; GET requests also accept the browser's session",
      },
    },
    schemas: {
      ...componentSchemas(REQUESTS, "input"),
      ...componentSchemas(RESPONSES, "output"),
      Problem,
    },
    responses: PROBLEM_RESPONSES,
  };
}
