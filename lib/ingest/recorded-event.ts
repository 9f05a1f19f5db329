import type { EventRecord, StreamVersion } from "../store/event-record";

/** What `POST /api/events` answers for each event: enough to cite it, without echoing the payload. */
export interface RecordedEvent {
  id: string;
  position: string;
  /** The streams this event was appended to, with its version in each. */
  streams: StreamVersion[];
  correlationId: string;
  causationId: string | null;
  recordedAt: string;
  hash: string;
}

export function toRecordedEvent(event: EventRecord): RecordedEvent {
  return {
    id: event.id,
    position: event.position,
    streams: event.streams,
    correlationId: event.correlationId,
    causationId: event.causationId,
    recordedAt: event.recordedAt,
    hash: event.hash,
  };
}
