import fc from "fast-check";

export interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** A string is sent as is (malformed on purpose); anything else as JSON. */
  body: unknown;
  keyChoice: "admin" | "tenant";
}

const DEEP = 5_000;

/** Strings that have broken parsers, SQL builders, path handling and terminals before. */
const NASTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "\u202eevil\u202c",
  "\ufeff",
  "\u200b",
  "💥".repeat(50),
  "Z\u0351\u0362\u0336",
  "' OR 1=1 --",
  "'; DROP TABLE events; --",
  "\\",
  "\\'",
  "$1",
  "%",
  "_%",
  "*",
  "**",
  '"',
  '"""',
  "(",
  ")",
  ":",
  "-",
  "--",
  "-:",
  "type:",
  ":x",
  "data.:1",
  "data..a:1",
  "data.a:>",
  "recorded:>=",
  "recorded:9999-99-99",
  "recorded:2026-01-01..",
  "occurred:<x",
  "../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "/",
  "//",
  ".",
  "..",
  "~",
  "<script>alert(1)</script>",
  "=cmd|' /C calc'!A0",
  "+1",
  "@SUM(1)",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "99999999999999999999999",
  "-1",
  "0x10",
  "f",
  "b",
  "f-1",
  "b1e3",
  "f99999999999999999999",
  "b9223372036854775808",
  "f000",
  "null",
  "true",
  "[]",
  "{}",
  "a".repeat(10_000),
  "x".repeat(300),
];

const nasty = fc.constantFrom(...NASTY);
const unicodeText = fc.string({ unit: "binary", maxLength: 60 });
const hostileText = fc.oneof(
  { arbitrary: nasty, weight: 3 },
  { arbitrary: unicodeText, weight: 2 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
);

/** A path parameter: sometimes a real id or stream (so deeper code runs), usually something hostile. */
export function hostileSegment(known: { id: string; stream: string }) {
  return (
    fc
      .oneof(
        { arbitrary: fc.constantFrom(known.id, known.stream, known.id.toUpperCase()), weight: 1 },
        { arbitrary: fc.uuid(), weight: 1 },
        { arbitrary: hostileText.filter((s) => s.length > 0), weight: 4 },
      )
      // A URL path carries bytes: lone surrogates cannot be sent, so they become U+FFFD as in a browser.
      .map((segment) => encodeURIComponent(segment.replace(/[\ud800-\udfff]/gu, "\ufffd")))
      // Every URL parser (client and server) resolves `.` and `..` segments before routing.
      .filter((segment) => segment !== "." && segment !== "..")
  );
}

const PARAMS = [
  "q",
  "cursor",
  "after",
  "direction",
  "limit",
  "prefix",
  "fromVersion",
  "format",
  "from",
  "to",
  "tenant",
];
const paramValue = fc.oneof(
  hostileText,
  fc.maxSafeInteger().map(String),
  fc.constantFrom(
    "f1",
    "b1",
    "f0",
    "forward",
    "backward",
    "csv",
    "jsonl",
    "1000",
    "1001",
    "0",
    "type:Seed",
    "stream:Fuzz-*",
  ),
);

/** A query string of 0-4 of `params` (the API's by default), repeated names included. */
export function hostileQuery(params: readonly string[] = PARAMS) {
  return fc
    .array(fc.tuple(fc.constantFrom(...params), paramValue), { maxLength: 4 })
    .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs)}` : ""));
}

export function hostileHeaders() {
  return fc.record(
    {
      "content-type": fc.constantFrom(
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin1",
        "application/merge-patch+json",
      ),
      "x-correlation-id": hostileText.map((s) => s.replace(/[^\x20-\x7e]/g, "")),
      "x-causation-id": fc.oneof(
        fc.uuid(),
        hostileText.map((s) => s.replace(/[^\x20-\x7e]/g, "")),
      ),
      traceparent: fc.constantFrom(
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-0000000000000000-00",
        "garbage",
      ),
      "last-event-id": fc.oneof(
        fc.nat().map(String),
        hostileText.map((s) => s.replace(/[^\x20-\x7e]/g, "")),
      ),
    },
    { requiredKeys: [] },
  );
}

/** Events that are almost right: one field wrong, or everything hostile inside valid JSON. */
const eventish = fc.record(
  {
    id: fc.oneof(fc.uuid(), hostileText),
    type: fc.oneof(fc.constantFrom("OrderPlaced", "user.login"), hostileText),
    stream: fc.oneof(fc.constant("Fuzz-stream"), hostileText),
    expectedVersion: fc.oneof(fc.constantFrom("any", "none", "exists", -1, 0, 1.5, 2 ** 53), hostileText),
    data: fc.oneof(
      fc.object({ maxDepth: 3 }),
      fc.jsonValue({ maxDepth: 3 }),
      fc.constant({ s: "\u0000" }),
      fc.constant({ k: "a".repeat(70_000) }),
    ),
    metadata: fc.oneof(fc.object({ maxDepth: 2 }), fc.constant(null), hostileText),
    correlationId: hostileText,
    causationId: fc.oneof(fc.uuid(), hostileText),
    occurredAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      hostileText,
    ),
    links: fc.oneof(fc.array(hostileText, { maxLength: 3 }), hostileText),
    tenant: hostileText,
    actor: fc.oneof(fc.record({ id: hostileText }), hostileText),
    extra: hostileText,
  },
  { requiredKeys: [] },
);

/** A request body: malformed text, deep or huge JSON, wrong shapes, or near-valid events and batches. */
export function hostileBody() {
  return fc.oneof(
    { arbitrary: eventish, weight: 5 },
    {
      arbitrary: fc.record(
        { stream: hostileText, expectedVersion: fc.anything(), events: fc.array(eventish, { maxLength: 4 }) },
        { requiredKeys: [] },
      ),
      weight: 3,
    },
    {
      arbitrary: fc.record(
        { eventIds: fc.array(fc.oneof(fc.uuid(), hostileText), { maxLength: 3 }), expectedVersion: fc.anything() },
        { requiredKeys: [] },
      ),
      weight: 2,
    },
    {
      arbitrary: fc.record(
        { name: hostileText, scopes: fc.array(hostileText, { maxLength: 3 }), tenant: hostileText },
        { requiredKeys: [] },
      ),
      weight: 2,
    },
    { arbitrary: fc.jsonValue(), weight: 2 },
    { arbitrary: hostileText, weight: 2 }, // not JSON at all (or accidentally a JSON scalar)
    {
      arbitrary: fc.constantFrom(
        "[".repeat(DEEP) + "]".repeat(DEEP),
        `{"data":${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)}}`,
        '{"type":"A","data":{}',
        "\u0000",
        '{"type":"A\u0000"}',
        '{"type":"A","data":{"x":"\\ud800"}}',
      ),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom(
        "x".repeat(1024 * 1024 + 1),
        JSON.stringify({ type: "Big", data: { blob: "y".repeat(1024 * 1024) } }),
      ),
      weight: 1,
    },
    {
      arbitrary: fc.constant({ stream: "Fuzz-batch", events: Array.from({ length: 1001 }, () => ({ type: "Many" })) }),
      weight: 1,
    },
  );
}
