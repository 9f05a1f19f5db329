/**
 * The methods each API route exports, by route pattern as in `app/api`. The proxy answers any other
 * method with a 405 problem before Next does (Next's own 405 has no body and no `Allow`).
 * `api-methods.test.ts` fails when a route file and this table disagree.
 */
export const API_METHODS: Readonly<Record<string, readonly string[]>> = {
  "/api/checkpoints": ["GET", "POST"],
  "/api/checkpoints/public-key": ["GET"],
  "/api/checkpoints/public-keys": ["GET"],
  "/api/correlations/[id]": ["GET"],
  "/api/events": ["GET", "POST"],
  "/api/events/live": ["GET"],
  "/api/events/[id]": ["GET"],
  "/api/events/[id]/receipt": ["GET"],
  "/api/export": ["GET"],
  "/api/health": ["GET"],
  "/api/keys": ["GET", "POST"],
  "/api/keys/[id]": ["DELETE"],
  "/api/metrics": ["GET"],
  "/api/openapi.json": ["GET"],
  "/api/proofs/consistency": ["GET"],
  "/api/ready": ["GET"],
  "/api/streams": ["GET"],
  "/api/streams/[name]": ["GET"],
  "/api/streams/[name]/links": ["POST"],
  "/api/subscriptions": ["GET", "POST"],
  "/api/subscriptions/[name]": ["GET", "DELETE"],
  "/api/subscriptions/[name]/ack": ["POST"],
  "/api/subscriptions/[name]/deliveries": ["GET"],
  "/api/subscriptions/[name]/events": ["GET"],
  "/api/subscriptions/[name]/pause": ["POST"],
  "/api/subscriptions/[name]/reset": ["POST"],
  "/api/subscriptions/[name]/resume": ["POST"],
  "/api/verifier": ["GET"],
  "/api/verify": ["GET"],
};

const MATCHERS = Object.entries(API_METHODS).map(([pattern, methods]) => ({
  regex: new RegExp(`^${pattern.replace(/\[[^\]]+\]/g, "[^/]+").replace(/\./g, "\\.")}/?$`),
  // Next answers HEAD for every GET route, and OPTIONS (204 with Allow) for every route.
  allow: [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort(),
}));

/** The methods a path's route answers (for `Allow`), or null when no route has this path. */
export function allowedMethods(pathname: string): string[] | null {
  return MATCHERS.find(({ regex }) => regex.test(pathname))?.allow ?? null;
}
