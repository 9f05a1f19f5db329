import type { StoredEvent } from "../store/event-row";

/** What `POST /api/events` answers for each event: enough to cite it, without echoing the payload. */
export function toRecordedEvent(event: StoredEvent) {
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
