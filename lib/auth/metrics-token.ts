import "server-only";
import { timingSafeEqual } from "node:crypto";
import { config } from "../config";
import { hashKeySecret } from "./key-secret";
import type { Principal } from "./principal";

/**
 * The caller, when its `Authorization: Bearer` is TRAILBOOK_METRICS_TOKEN: a principal with no
 * scopes, which GET /api/metrics admits and no other route does (apiRoute's `acceptsOther`). Null
 * otherwise (no token configured, another credential, none), so the route's usual key check runs.
 */
export function metricsTokenPrincipal(request: Request): Principal | null {
  const token = config.metricsToken;
  const match = /^Bearer ([^\s]+)$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  if (!token || !match) return null;
  // Digests compared, so neither length nor content leaks through timing.
  const same = timingSafeEqual(Buffer.from(hashKeySecret(match[1]!), "hex"), Buffer.from(hashKeySecret(token), "hex"));
  return same ? { keyId: "metrics-token", name: "TRAILBOOK_METRICS_TOKEN", scopes: [], tenant: null } : null;
}
