import { expect, it } from "vitest";
import { listApiRoutes, routeFetch } from "@/lib/testing/route-fetch";

it("serves an OpenAPI 3.1 document describing every API route, without credentials", async () => {
  const response = await routeFetch("/api/openapi.json");
  expect(response.status).toBe(200);
  const doc = await response.json();
  expect(doc.openapi).toBe("3.1.0");
  const documented = Object.keys(doc.paths).map((path) => path.replace(/\{(\w+)\}/g, "[$1]"));
  // The catch-all only answers 404 for unknown paths: there is nothing to document.
  const routes = listApiRoutes().filter((route) => !route.pattern.includes("..."));
  expect(documented.sort()).toEqual(routes.map((route) => route.pattern).sort());
  // Probes and scrapers: liveness and readiness are public, metrics need admin or the metrics token.
  expect(doc.paths["/api/health"].get.security).toEqual([]);
  expect(doc.paths["/api/ready"].get.security).toEqual([]);
  expect(Object.keys(doc.paths["/api/ready"].get.responses)).toEqual(expect.arrayContaining(["200", "503"]));
  expect(doc.paths["/api/metrics"].get.security).toBeUndefined();
  expect(doc.paths["/api/metrics"].get.description).toContain("TRAILBOOK_METRICS_TOKEN");
  const one = doc.components.schemas.RecordOne;
  expect(one.required).toEqual(["type"]);
  expect(one.properties.type.pattern).toBeDefined();
  expect(one.additionalProperties).toBe(false);
});
