import { SEARCH_FIELDS } from "../query/build-where";
import {
  body,
  header,
  json,
  limitSchema,
  operation,
  pathParam,
  positionSchema,
  query,
  schemaRef,
  tenantQuery,
  text,
} from "./openapi-helpers";

/** OpenAPI path entries of recording and reading events, streams and correlations, live tail and export. */

const q = query(
  "q",
  `Search language: words, "phrases", field:value, -field:value. Fields: ${SEARCH_FIELDS.join(", ")}`,
  { type: "string", maxLength: 2000 },
);
const direction = (fallback: string) =>
  query("direction", `forward or backward (default ${fallback})`, { type: "string", enum: ["forward", "backward"] });

export const EVENT_PATHS = {
  "/api/events": {
    post: operation({
      id: "recordEvents",
      tag: "Events",
      summary: "Record one event or an atomic batch",
      description:
        "Scope write. One event (RecordOne) or 1-1000 events (RecordBatch), all stored or none. Headers fill " +
        "the ids the body leaves empty.",
      parameters: [
        header("X-Correlation-Id", "Correlation id for events that name none"),
        header("X-Causation-Id", "Causing event id for events that name none", { type: "string", format: "uuid" }),
        header("traceparent", "W3C Trace Context: its trace-id fills traceId"),
      ],
      requestBody: body({ oneOf: [schemaRef("RecordOne"), schemaRef("RecordBatch")] }),
      ok: {
        201: json("RecordResult", "Stored"),
        200: json("RecordResult", "Replay: every event was already stored identically; nothing was written"),
      },
      errors: { conflict: true },
    }),
    get: operation({
      id: "searchEvents",
      tag: "Events",
      summary: "Search the log, or follow it",
      description: "Scope read. Newest first by default; `after=` follows the log oldest first. Keyset-paginated.",
      parameters: [
        q,
        query("cursor", "next or prev from a previous page"),
        query("after", "Follow: positions after this one, oldest first", positionSchema),
        direction("backward"),
        query("limit", "Events per page", limitSchema()),
      ],
      ok: { 200: json("EventPage", "A page of events") },
    }),
  },
  "/api/events/live": {
    get: operation({
      id: "liveEvents",
      tag: "Events",
      summary: "Live tail as Server-Sent Events",
      description:
        "Scope read. New matching events as `event: event` messages whose `data:` is an Event and whose `id:` " +
        "is its position; Last-Event-ID (or after=) resumes.",
      parameters: [
        q,
        query("after", "Start after this position", positionSchema),
        header("Last-Event-ID", "Resume after this position (overrides after)", positionSchema),
      ],
      ok: { 200: text("An endless text/event-stream", ["text/event-stream"]) },
    }),
  },
  "/api/events/{id}": {
    get: operation({
      id: "getEvent",
      tag: "Events",
      summary: "One event",
      description:
        "Scope read. The event with its streams, the event that caused it and those it caused (causes resolve " +
        "within the event's tenant). Ids are unique per tenant: a key of every tenant gets 409 " +
        "ambiguous_event_id when several tenants hold the id, and names one with `tenant`.",
      parameters: [pathParam("id", "Event id"), tenantQuery],
      ok: { 200: json("EventDetail", "The event") },
      errors: { found: true, conflict: true },
    }),
  },
  "/api/streams": {
    get: operation({
      id: "listStreams",
      tag: "Streams",
      summary: "Streams by name, last activity or count",
      description:
        "Scope read. Streams with counts and first/last activity: by name (A–Z), or by last activity or " +
        "event count (most first), optionally of one category (the name before the first `-`).",
      parameters: [
        query("prefix", "Name prefix", { type: "string", maxLength: 200 }),
        query("category", "Only streams named it or `<category>-…`", {
          type: "string",
          maxLength: 200,
          pattern: "^[^-]+$",
        }),
        query("sort", "Order", { type: "string", enum: ["name", "activity", "count"], default: "name" }),
        query("cursor", "next from the previous page (of the same order)"),
        query("limit", "Streams per page", limitSchema()),
      ],
      ok: { 200: json("StreamList", "A page of streams") },
    }),
  },
  "/api/streams/{name}": {
    get: operation({
      id: "readStream",
      tag: "Streams",
      summary: "A stream's events by version",
      description: "Scope read. `next` is the fromVersion of the next page.",
      parameters: [
        pathParam("name", "Stream name"),
        query("fromVersion", "First version (inclusive)", { type: "integer", minimum: 0 }),
        direction("forward"),
        query("limit", "Events per page", limitSchema()),
      ],
      ok: { 200: json("StreamPage", "A page of the stream (empty for a stream that does not exist)") },
      errors: { input: true },
    }),
  },
  "/api/streams/{name}/links": {
    post: operation({
      id: "linkEvents",
      tag: "Streams",
      summary: "Link stored events into a stream",
      description:
        "Scope write. Appends stored events to a stream at its next versions, atomically. An id several " +
        "tenants hold is 409 ambiguous_event_id for a key of every tenant, which names one with `tenant`.",
      parameters: [pathParam("name", "Stream name"), tenantQuery],
      requestBody: body(schemaRef("LinkRequest")),
      ok: { 201: json("LinkResult", "Linked"), 200: json("LinkResult", "Already linked in this order") },
      errors: { found: true, conflict: true },
    }),
  },
  "/api/correlations/{id}": {
    get: operation({
      id: "getCorrelation",
      tag: "Events",
      summary: "A correlation and its causation tree",
      description: "Scope read. Every event of a correlation in position order (up to 10,000), and its tree.",
      parameters: [pathParam("id", "Correlation id")],
      ok: { 200: json("Correlation", "The correlation (no events for an unknown id)") },
    }),
  },
  "/api/export": {
    get: operation({
      id: "exportEvents",
      tag: "Export",
      summary: "Export what a search lists",
      description:
        "Scope export. Streams exactly the events a search lists, oldest first, as CSV or JSONL, ending with a " +
        "signed manifest (README, For auditors). One export per key at a time.",
      parameters: [q, query("format", "csv (default) or jsonl", { type: "string", enum: ["csv", "jsonl"] })],
      ok: { 200: text("The export, streamed", ["text/csv", "application/x-ndjson"], true) },
    }),
  },
};
