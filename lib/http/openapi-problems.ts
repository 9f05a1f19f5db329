/**
 * The error half of the OpenAPI document: the RFC 9457 Problem schema (problem.ts writes it) and
 * one shared response per status the server answers with it, referenced by every operation.
 */

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
const problemContent = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };
const problem = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers && { headers }),
  content: problemContent,
});
const header = (description: string, type = "string") => ({ description, schema: { type } });

export const Problem = {
  type: "object",
  description: "RFC 9457 problem details; `code` is stable, `detail` safe to show",
  required: ["type", "title", "status", "detail", "code"],
  properties: {
    type: { type: "string", description: "urn:trailbook:problem:<code>" },
    title: { type: "string" },
    status: { type: "integer", minimum: 400, maximum: 599 },
    detail: { type: "string" },
    code: { type: "string", description: "Stable error code (README, Recording and reading)" },
    errors: {
      type: "array",
      description: "validation_failed: every failing path; invalid_query: the character position",
      items: {
        type: "object",
        required: ["path", "message"],
        properties: { path: { type: "string" }, message: { type: "string" }, position: { type: "integer" } },
      },
    },
    stream: { type: "string", description: "wrong_expected_version, event_already_in_stream" },
    expected: { type: ["string", "integer"], description: "wrong_expected_version: the version expected" },
    current: { type: ["integer", "null"], description: "wrong_expected_version: the stream's version" },
    ids: { type: "array", items: { type: "string" }, description: "The conflicting event ids" },
    tenants: {
      type: "array",
      items: { type: ["string", "null"] },
      description: "ambiguous_event_id: the tenants holding the id (null: events without a tenant)",
    },
    missing: { type: "array", items: { type: "string" }, description: "not_ready: what is missing" },
    treeSizes: {
      type: "array",
      items: { type: "string" },
      description: "no_tree_head_at_size: the nearest signed tree sizes that hold the event",
    },
  },
};

export const PROBLEM_RESPONSES = {
  BadRequest: problem("malformed_url (a percent-escape in the path that is not UTF-8) or malformed_json"),
  Unauthorized: problem("unauthorized: no key, or a bad, revoked or expired one", {
    "WWW-Authenticate": header('Bearer realm="trailbook"'),
  }),
  Forbidden: problem("forbidden: the key lacks the scope, or names another tenant"),
  NotFound: problem("not_found: no such resource (for this key's tenant)"),
  MethodNotAllowed: problem("method_not_allowed: another method of this path (Allow lists the ones it answers)", {
    Allow: header("The methods this path answers"),
  }),
  Conflict: problem(
    "wrong_expected_version, event_id_conflict, event_already_in_stream (with current, ids), or " +
      "ambiguous_event_id (a reader of every tenant named an id several tenants hold; with tenants)",
  ),
  PayloadTooLarge: problem("payload_too_large: a body over 1 MiB, or content over a limit of the database"),
  UnsupportedMediaType: problem("unsupported_media_type: send the body as application/json"),
  UnprocessableContent: problem(
    "validation_failed (every failing path in errors), invalid_query (with the character position), or for " +
      "a receipt's treeSize: no_tree_head_at_size (with treeSizes) or tree_size_before_event",
  ),
  TooManyRequests: problem("rate_limited, or too_many_concurrent (searches, live tails, exports, verifications)", {
    "Retry-After": header("Seconds to wait", "integer"),
  }),
  InternalError: problem("internal_error: an unexpected error, logged; the answer says nothing more"),
  Unavailable: problem("query_timeout: a statement ran past TRAILBOOK_STATEMENT_TIMEOUT", {
    "Retry-After": header("Seconds to wait", "integer"),
  }),
};

/** What a route's shape adds to the errors every route can answer. */
export interface ErrorShape {
  /** Behind a key (apiRoute): 401, 403, 429. */
  auth?: boolean;
  /** Reads a JSON body: 400 malformed_json, 413, 415, 422. */
  body?: boolean;
  /** Names a resource that may not exist: 404. */
  found?: boolean;
  /** Validates its query or path: 422. */
  input?: boolean;
  /** Can conflict: 409. */
  conflict?: boolean;
}

/** The problem responses of one operation, by status. */
export function errorResponses(shape: ErrorShape = { auth: true }) {
  const { auth = true, body, found, input, conflict } = shape;
  return {
    400: ref("BadRequest"),
    ...(auth && { 401: ref("Unauthorized"), 403: ref("Forbidden") }),
    ...(found && { 404: ref("NotFound") }),
    405: ref("MethodNotAllowed"),
    ...(conflict && { 409: ref("Conflict") }),
    ...(body && { 413: ref("PayloadTooLarge"), 415: ref("UnsupportedMediaType") }),
    // A key's routes refuse text PostgreSQL cannot hold in any path or query value (api-route.ts).
    ...((auth || body || input) && { 422: ref("UnprocessableContent") }),
    ...(auth && { 429: ref("TooManyRequests") }),
    500: ref("InternalError"),
    ...(auth && { 503: ref("Unavailable") }),
  };
}
