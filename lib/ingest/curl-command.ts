import type { StoredEvent } from "../store/event-record";

/**
 * A `curl` command that records `event` again through `POST /api/events` on `origin`, with the key
 * left to the shell as `$TRAILBOOK_KEY`. It carries the event's id, so running it twice (or against
 * the log that holds the event, with a key of the event's tenant) stores nothing new: an identical
 * event is a replay. Ids are unique per tenant: a key of another tenant records a new event. The first stream
 * is the batch's, the others go as `links`; a stream the event was linked into after it was recorded
 * is among them (a read cannot tell them apart), so against the original log such an event is a 409
 * id conflict rather than a replay. The tenant is kept: it needs an admin key or one bound to it.
 *
 * Payloads are hostile: the body is single-quoted for POSIX shells (a `'` inside closes the quote,
 * adds an escaped quote and reopens it), and every character outside printable ASCII is written as
 * a JSON `\u` escape, so the pasted command is plain ASCII where no bidi override or invisible
 * character can make it read differently from what runs. The JSON means the same either way.
 */
export function curlCommand(origin: string, event: StoredEvent): string {
  const [stream, ...links] = event.streams.map((member) => member.name);
  const recorded = {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    ...(event.tenant !== null && { tenant: event.tenant }),
    ...(event.actor && { actor: event.actor }),
    ...(event.targets.length > 0 && { targets: event.targets }),
    correlationId: event.correlationId,
    ...(event.causationId && { causationId: event.causationId }),
    ...(event.traceId && { traceId: event.traceId }),
    occurredAt: event.occurredAt,
    ...(links.length > 0 && { links }),
  };
  const body = asciiJson({ ...(stream !== undefined && { stream }), events: [recorded] });
  return [
    `curl -sS -X POST ${shellQuote(`${origin}/api/events`)}`,
    `-H "authorization: Bearer $TRAILBOOK_KEY"`,
    `-H 'content-type: application/json'`,
    `--data-binary ${shellQuote(body)}`,
  ].join(" \\\n  ");
}

/** JSON with every UTF-16 unit outside printable ASCII escaped (lone surrogates cannot be stored). */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** One shell word with exactly this text: nothing inside single quotes is special but `'` itself. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
