import { z } from "zod";
import { Party } from "../store/schemas";

/**
 * Response bodies of the event endpoints as zod schemas, for the OpenAPI document only (the
 * server builds these bodies from the TS types named in each comment; openapi-schemas.test.ts
 * fails when a schema and its type drift apart).
 */

/** A position: a decimal string (positions can exceed 2^53). */
export const PositionText = z.string().regex(/^(0|[1-9][0-9]*)$/);
/** A lowercase hex SHA-256. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
/** ISO 8601 UTC with milliseconds and `Z`. */
export const Instant = z.iso.datetime();
const JsonData = z.record(z.string(), z.unknown());

/** `StreamVersion`: a stream and the event's version in it. */
export const StreamVersion = z.object({ name: z.string(), version: z.int().min(0) });

/** `StoredEvent`: one event as every read shows it. */
export const Event = z.object({
  position: PositionText,
  id: z.uuid(),
  type: z.string(),
  data: JsonData,
  metadata: JsonData,
  tenant: z.string().nullable(),
  actor: Party.nullable(),
  targets: z.array(Party),
  correlationId: z.string(),
  causationId: z.uuid().nullable(),
  traceId: z.string().nullable(),
  streams: z.array(StreamVersion).meta({ description: "The streams appended to, then later links" }),
  occurredAt: Instant,
  recordedAt: Instant,
  hash: Sha256Hex,
  prevHash: Sha256Hex,
  writer: z
    .string()
    .nullable()
    .meta({
      description:
        "Attested by the server: the key id (or bootstrap-token) that recorded it, or cli (npm run seed); " +
        "null: not attested (recorded before writers were, or appended through the library without one)",
    }),
});

/** `EventRecord`: an event exactly as it is hashed (receipts, export lines). */
export const EventRecord = Event.omit({ actor: true }).extend({
  actorId: z.string().nullable(),
  actorType: z.string().nullable(),
  actorName: z.string().nullable(),
});

/** What an event detail names of its cause and of the events it caused. */
export const EventSummary = Event.pick({ id: true, type: true, position: true, recordedAt: true });

/** `GET /api/events/{id}`: the event with its cause and (the first 1000 of) the events it caused. */
export const EventDetail = Event.extend({ causedBy: EventSummary.nullable(), caused: z.array(EventSummary) });

/** `RecordedEvent`: what recording answers for each event, without echoing the payload. */
export const RecordedEvent = Event.pick({
  id: true,
  position: true,
  streams: true,
  correlationId: true,
  causationId: true,
  recordedAt: true,
  hash: true,
});
export const RecordResult = z.object({ events: z.array(RecordedEvent) });

/** `SearchPage`: a keyset page of the log. */
export const EventPage = z.object({
  events: z.array(Event),
  next: z.string().nullable().meta({ description: "Pass back as cursor to continue; null at the end" }),
  prev: z.string().nullable().meta({ description: "Pass back as cursor to go the other way; null on a first page" }),
  searchedTo: PositionText.optional().meta({
    description: "A filtered search ran out of time: the position it searched to (next goes on from there)",
  }),
  scannedTo: PositionText.optional().meta({ description: "A filtered search: the last position examined" }),
});

/** `StreamSummary`. */
export const StreamSummary = z.object({
  name: z.string(),
  version: z.int().min(0),
  eventCount: z.int().min(1),
  firstAt: Instant,
  lastAt: Instant,
});
export const StreamList = z.object({ streams: z.array(StreamSummary), next: z.string().nullable() });

/** `StreamEvent`: an event with its version in the stream read. */
export const StreamEvent = Event.extend({ version: z.int().min(0) });
export const StreamPage = z.object({
  stream: z.string(),
  events: z.array(StreamEvent),
  next: z.int().nullable().meta({ description: "The fromVersion of the next page; null at the end" }),
});

/** `CausationNode`: an event of a correlation with the events it caused. */
export interface CausationNode {
  id: string;
  type: string;
  position: string;
  recordedAt: string;
  children: CausationNode[];
}
export const CausationNode: z.ZodType<CausationNode> = z.object({
  id: z.uuid(),
  type: z.string(),
  position: PositionText,
  recordedAt: Instant,
  get children() {
    return z.array(CausationNode);
  },
});
export const Correlation = z.object({
  correlationId: z.string(),
  events: z.array(Event),
  tree: z.array(CausationNode),
  truncated: z.boolean().meta({ description: "More than 10,000 events: only the first are shown" }),
});

/** `LinkResult`. */
export const LinkResult = z.object({
  stream: z.string(),
  links: z.array(z.object({ id: z.uuid(), version: z.int().min(0) })),
  replayed: z.boolean().meta({ description: "Every event was already in the stream in this order" }),
});
