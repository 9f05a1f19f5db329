/**
 * OpenAPI path entries of the operating endpoints (readiness, metrics), spread into the document by
 * openapi.ts. Kept apart because that document is long.
 */

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

const Ready = {
  type: "object",
  required: ["status", "database", "migrations", "signingKey"],
  properties: {
    status: { const: "ready" },
    database: { enum: ["pglite", "postgres"] },
    migrations: { const: "applied" },
    signingKey: { const: "present" },
  },
};

export const OPERATIONS_PATHS = {
  "/api/ready": {
    get: {
      summary: "Readiness (public): database reachable and migrated, signing key present, not shutting down",
      security: [],
      responses: {
        200: { description: "Ready for traffic", content: { "application/json": { schema: Ready } } },
        503: problem("Not ready; `missing` lists what (the database, migrations, the signing key, shutting down)"),
      },
    },
  },
  "/api/metrics": {
    get: {
      summary: "Prometheus metrics of this process (scope admin, or TRAILBOOK_METRICS_TOKEN as bearer)",
      responses: {
        200: {
          description: "Prometheus text exposition format 0.0.4",
          content: { "text/plain; version=0.0.4; charset=utf-8": { schema: { type: "string" } } },
        },
        401: problem("No key, or a bad or revoked key (and not the metrics token)"),
        403: problem("The key lacks the admin scope"),
        429: {
          ...problem("Over this key's request rate; wait Retry-After seconds"),
          headers: { "Retry-After": { schema: { type: "integer" } } },
        },
      },
    },
  },
};
