import { AppError, ConcurrencyLimited, InvalidQuery, RateLimited, Unauthorized, ValidationError } from "../errors";

/** HTTP status of each stable error code. One table, so a code never means two statuses. */
const STATUS_BY_CODE: Record<string, number> = {
  malformed_json: 400,
  malformed_url: 400,
  unauthorized: 401,
  forbidden: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  invalid_query: 422,
  no_tree_head_at_size: 422,
  tree_size_before_event: 422,
  wrong_expected_version: 409,
  event_id_conflict: 409,
  ambiguous_event_id: 409,
  event_already_in_stream: 409,
  subscription_exists: 409,
  lease_not_held: 409,
  not_found: 404,
  method_not_allowed: 405,
  rate_limited: 429,
  too_many_concurrent: 429,
  database_unavailable: 503,
  query_timeout: 503,
  not_ready: 503,
  internal_error: 500,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string; position?: number }[];
}

/** An RFC 9457 problem+json response. `detail` must be safe to show to the caller. */
export function problemResponse(
  code: string,
  detail: string,
  extra: Partial<Problem> & Record<string, unknown> = {},
): Response {
  const status = STATUS_BY_CODE[code] ?? 500;
  const body = {
    type: `urn:trailbook:problem:${code}`,
    title: code.replaceAll("_", " "),
    status,
    detail,
    code,
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}

/** Renders any thrown value. AppErrors keep their message; anything else is logged and hidden. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ValidationError) return problemResponse(error.code, error.message, { errors: error.issues });
  if (error instanceof InvalidQuery) {
    return problemResponse(error.code, error.message, {
      errors: [{ path: "q", message: error.message, position: error.position }],
    });
  }
  if (error instanceof Unauthorized) {
    const response = problemResponse(error.code, error.message);
    response.headers.set("www-authenticate", 'Bearer realm="trailbook"');
    return response;
  }
  if (error instanceof RateLimited || error instanceof ConcurrencyLimited) {
    const response = problemResponse(error.code, error.message);
    response.headers.set("retry-after", String(error.retryAfter));
    return response;
  }
  if (error instanceof AppError) return problemResponse(error.code, error.message, detailsOf(error));
  if (isProgramLimit(error)) {
    return problemResponse(
      "payload_too_large",
      "The request is larger than the database can index (e.g. the words of one event exceed what full-text " +
        "search holds): send it in smaller events.",
    );
  }
  if (isStatementTimeout(error)) {
    const response = problemResponse(
      "query_timeout",
      "The query ran out of its time budget (TRAILBOOK_STATEMENT_TIMEOUT) and was stopped. Narrow it: add a " +
        "type:, stream:, actor: or recorded: filter, or a positive word next to negated ones.",
    );
    response.headers.set("retry-after", "5");
    return response;
  }
  console.error(error);
  return problemResponse("internal_error", "An unexpected error occurred; it has been logged.");
}

/** Machine-readable extras a client can act on (current version, conflicting ids, an id's tenants, tree sizes). */
function detailsOf(error: AppError): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const key of ["stream", "expected", "current", "ids", "tenants", "treeSizes"] as const) {
    if (key in error) extra[key] = (error as unknown as Record<string, unknown>)[key];
  }
  return extra;
}

/**
 * PostgreSQL's `program_limit_exceeded` (54000), on either engine: the request's content passed a
 * limit of the database itself (a tsvector over 1 MB of lexemes and positions), not a fault of
 * the server. Only content a client sent can reach such limits, so it is the client's 413.
 */
function isProgramLimit(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "54000";
}

/** PostgreSQL's `query_canceled` (57014): here, a statement stopped by statement_timeout. */
function isStatementTimeout(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "57014";
}
