import type { Principal } from "../auth/principal";
import { API_METHODS } from "../http/api-methods";
import { logger } from "./logger";
import { metrics } from "./metrics";

// Route patterns, static segments before dynamic ones (`/api/events/live` before `/api/events/[id]`).
const ROUTES = Object.keys(API_METHODS)
  .sort((a, b) => a.split("[").length - b.split("[").length)
  .map((pattern) => ({
    pattern,
    regex: new RegExp(`^${pattern.replace(/\[[^\]]+\]/g, "[^/]+").replace(/\./g, "\\.")}/?$`),
  }));

/** The route pattern of `pathname` (`/api/events/[id]`), never the path itself: ids must not become labels. */
export function routeOf(pathname: string): string {
  return ROUTES.find(({ regex }) => regex.test(pathname))?.pattern ?? "unknown";
}

export interface ObservedRequest {
  request: Request;
  requestId: string;
  status: number;
  /** performance.now() when the request arrived. */
  startedAt: number;
  /** Who called, once authenticated (a refused key has none). */
  principal?: Principal;
}

/**
 * The one log line and the metrics of an answered API request. The line holds the request id, the
 * key's id (never the key), the tenant, the route pattern, method, status and milliseconds to the
 * answer (to its first byte for streams). Never headers, the query string or bodies: they can carry
 * secrets and event data.
 */
export function observeRequest({ request, requestId, status, startedAt, principal }: ObservedRequest): void {
  const durationMs = Math.round((performance.now() - startedAt) * 100) / 100;
  const route = routeOf(new URL(request.url).pathname);
  const { method } = request;
  const m = metrics();
  m.requests.inc({ route, method, status: String(status) });
  if (status === 429) m.rateLimited.inc({ route });
  if (route === "/api/events" && method === "POST") m.appendSeconds.observe(durationMs / 1000);
  if (route === "/api/events" && method === "GET") m.searchSeconds.observe(durationMs / 1000);
  const keyId = principal ? (principal.keyId ?? "admin-token") : null;
  logger().info({ requestId, method, route, status, durationMs, keyId, tenant: principal?.tenant ?? null }, "request");
}
