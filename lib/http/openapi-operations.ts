import { json, operation } from "./openapi-helpers";

/**
 * OpenAPI path entries of the operating endpoints (liveness, readiness, metrics, this document),
 * spread into the document by openapi.ts.
 */
const unavailable = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

export const OPERATIONS_PATHS = {
  "/api/health": {
    get: operation({
      id: "getHealth",
      tag: "Operations",
      summary: "Liveness",
      description: "Public. The process answers, and its database is open and migrated.",
      public: true,
      ok: { 200: json("Health", "Healthy"), 503: unavailable("database_unavailable: the database is not reachable") },
    }),
  },
  "/api/ready": {
    get: operation({
      id: "getReadiness",
      tag: "Operations",
      summary: "Readiness",
      description: "Public. Database reachable and migrated, signing key present, not shutting down.",
      public: true,
      ok: {
        200: json("Ready", "Ready for traffic"),
        503: unavailable("not_ready: `missing` lists what (the database, migrations, the signing key, shutting down)"),
      },
    }),
  },
  "/api/metrics": {
    get: operation({
      id: "getMetrics",
      tag: "Operations",
      summary: "Prometheus metrics",
      description:
        "Scope admin, or TRAILBOOK_METRICS_TOKEN as the bearer. This process's metrics in the Prometheus text " +
        "exposition format 0.0.4.",
      ok: {
        200: {
          description: "Prometheus text format (text/plain; version=0.0.4)",
          content: { "text/plain": { schema: { type: "string" } } },
        },
      },
    }),
  },
  "/api/openapi.json": {
    get: operation({
      id: "getOpenApi",
      tag: "Operations",
      summary: "This document",
      description: "Public. The OpenAPI 3.1 description of the API.",
      public: true,
      ok: {
        200: {
          description: "OpenAPI 3.1",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["openapi", "info", "paths"],
                properties: { openapi: { const: "3.1.0" }, info: { type: "object" }, paths: { type: "object" } },
              },
            },
          },
        },
      },
    }),
  },
};
