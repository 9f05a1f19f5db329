import { type ErrorShape, errorResponses } from "./openapi-problems";

/** Builders for the path entries of the OpenAPI document (openapi-*.ts). */

type Json = Record<string, unknown>;

export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A JSON response whose body is the component schema `name`. */
export const json = (name: string, description: string, headers?: Json) => ({
  description,
  ...(headers && { headers }),
  content: { "application/json": { schema: schemaRef(name) } },
});

/** A text response (one entry per media type), optionally an attachment. */
export const text = (description: string, mediaTypes: string[], attachment = false) => ({
  description,
  ...(attachment && {
    headers: { "Content-Disposition": { description: "attachment; filename=…", schema: { type: "string" } } },
  }),
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: "string" } }])),
});

export const query = (name: string, description: string, schema: Json = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});

export const pathParam = (name: string, description: string, schema: Json = { type: "string" }) => ({
  name,
  in: "path",
  required: true,
  description,
  schema,
});

export const header = (name: string, description: string, schema: Json = { type: "string" }) => ({
  name,
  in: "header",
  required: false,
  description,
  schema,
});

export const body = (schema: Json) => ({ required: true, content: { "application/json": { schema } } });

/** `?tenant=` of reads by event id: ids are unique per tenant ("" names the events without a tenant). */
export const tenantQuery = query(
  "tenant",
  'For a key of every tenant: which tenant\'s event, when several hold the id ("" for none)',
  { type: "string", maxLength: 200 },
);

export const positionSchema = { type: "string", pattern: "^(0|[1-9][0-9]{0,17})$" };
export const limitSchema = (max = 1000, fallback = 50) => ({
  type: "integer",
  minimum: 1,
  maximum: max,
  default: fallback,
});

interface Operation {
  id: string;
  tag: string;
  summary: string;
  description: string;
  /** Public: no key. */
  public?: boolean;
  parameters?: Json[];
  requestBody?: Json;
  /** Its own responses by status (the successes, and problems particular to it). */
  ok: Record<number, Json>;
  /** Which errors besides the ones every route answers (see errorResponses). */
  errors?: ErrorShape;
}

/** One operation: its success responses, then every problem response its shape can produce. */
export function operation(spec: Operation) {
  const shape = spec.errors ?? {};
  const auth = !spec.public;
  return {
    operationId: spec.id,
    tags: [spec.tag],
    summary: spec.summary,
    description: spec.description,
    ...(spec.public && { security: [] }),
    ...(spec.parameters && { parameters: spec.parameters }),
    ...(spec.requestBody && { requestBody: spec.requestBody }),
    responses: {
      ...spec.ok,
      ...errorResponses({ ...shape, auth, body: shape.body ?? spec.requestBody !== undefined }),
    },
  };
}
