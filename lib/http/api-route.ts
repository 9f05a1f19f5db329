import "server-only";
import { authenticate } from "../auth/authenticate";
import { type Principal, requireScope, type Scope, scopeOf } from "../auth/principal";
import { cookieValue, resolveSession, SESSION_COOKIE } from "../auth/sessions";
import { config } from "../config";
import type { Database } from "../db/database";
import { getDatabase } from "../db/get-database";
import { ValidationError } from "../errors";
import { observeRequest } from "../observability/observe-request";
import { requestIdOf } from "../observability/request-id";
import type { TenantScope } from "../store/tenant-scope";
import { findJsonIssues } from "../validation/json-safety";
import { errorResponse } from "./problem";
import { RateLimiter } from "./rate-limit";

// One limiter per process (kept on globalThis so dev-mode module reloads share it); null = off.
const limiterSlot = globalThis as typeof globalThis & { trailbookRateLimiter?: RateLimiter | null };

/** Replaces the process's limiter (tests); null turns limiting off. */
export function setRateLimiter(limiter: RateLimiter | null): void {
  limiterSlot.trailbookRateLimiter = limiter;
}

function rateLimiter(): RateLimiter | null {
  if (limiterSlot.trailbookRateLimiter === undefined) {
    const api = config.rateLimit;
    limiterSlot.trailbookRateLimiter = api && new RateLimiter({ api, ingest: config.ingestRateLimit });
  }
  return limiterSlot.trailbookRateLimiter;
}

/**
 * Charges one request of `principal` to its bucket: recording events (write scope) and everything
 * else count separately, each at the key's own limit when it has one (0 = unlimited), else at the
 * server's default for that kind, which for recording events is sized for ingest.
 */
function chargeRequest(limiter: RateLimiter, principal: Principal, scope: Scope): void {
  const kind = scope === "write" ? "ingest" : "api";
  const own = principal.rateLimit;
  const limit = own === 0 ? null : own ? { perSecond: own, burst: own * 2 } : limiter.defaults[kind];
  if (limit) limiter.take(`${principal.keyId ?? "admin-token"} ${kind}`, limit);
}

/**
 * A bearer key, or for safe (GET) requests only the browser's session cookie, so the browser can
 * use EventSource and downloads. Cookies never authorise writes: no CSRF surface on the API. Nor
 * do they authorise a request another site started (`Sec-Fetch-Site: cross-site`): a link on
 * another site must not run an export, recorded as an audit event, in the victim's name.
 */
async function authenticateRequest(db: Database, request: Request, cachedKey: boolean): Promise<Principal> {
  const authorization = request.headers.get("authorization");
  const crossSite = request.headers.get("sec-fetch-site") === "cross-site";
  if (authorization === null && request.method === "GET" && !crossSite) {
    const principal = await resolveSession(db, cookieValue(request.headers.get("cookie"), SESSION_COOKIE));
    if (principal) return principal;
  }
  return authenticate(db, authorization, { cached: cachedKey });
}

/**
 * Path and query values reach SQL as text, which PostgreSQL cannot hold with NUL bytes: refuse
 * them (and lone surrogates, oversized values) here once, as a 422, for every route.
 */
function refuseUnstorableText(request: Request, params: unknown): void {
  const issues = findJsonIssues(params, "path");
  findJsonIssues(Object.fromEntries(new URL(request.url).searchParams), "query", 0, issues);
  if (issues.length > 0) throw new ValidationError(issues);
}

export interface ApiContext<P> {
  db: Database;
  principal: Principal;
  /** The tenants the principal may read: pass it to every read verb. */
  scope: TenantScope;
  params: P;
}

/**
 * Wraps a route handler: authenticates the bearer key, applies its rate limit, checks `scope`,
 * refuses unstorable path and query text, and renders every thrown error as problem+json, so no
 * handler can forget any of it. Handlers only parse, call a verb, shape. Every request gets an id
 * (X-Request-Id, echoed), one log line and its metrics (lib/observability/observe-request.ts).
 * `acceptsOther` lets a route admit a request without a key (the metrics token), as that principal.
 * `cachedKey` lets a route take a bearer key from the process's key cache, sparing a lookup per
 * request: only for a handler that refuses a revoked key itself (recording events does, under the
 * append lock).
 */
export function apiRoute<P = Record<string, never>>(
  scope: Scope,
  handler: (request: Request, context: ApiContext<P>) => Promise<Response>,
  options: { acceptsOther?: (request: Request) => Principal | null; cachedKey?: boolean } = {},
) {
  const { acceptsOther, cachedKey = false } = options;
  return async (request: Request, route?: { params: Promise<P> }): Promise<Response> => {
    const startedAt = performance.now();
    const requestId = requestIdOf(request.headers);
    let principal: Principal | undefined;
    let response: Response;
    try {
      const db = await getDatabase();
      const other = acceptsOther?.(request);
      principal = other ?? (await authenticateRequest(db, request, cachedKey));
      // Counted per key after authentication, so nobody can spend another key's budget.
      const limiter = rateLimiter();
      if (limiter && !other) chargeRequest(limiter, principal, scope);
      if (!other) requireScope(principal, scope);
      const params = (await route?.params) ?? ({} as P);
      refuseUnstorableText(request, params);
      response = await handler(request, { db, principal, scope: scopeOf(principal), params });
      if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
    } catch (error) {
      response = errorResponse(error);
    }
    response.headers.set("x-request-id", requestId);
    observeRequest({ request, requestId, status: response.status, startedAt, principal });
    return response;
  };
}
