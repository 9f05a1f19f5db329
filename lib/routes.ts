import { eventsHref } from "./url-state/events-url";
import { withQuery } from "./url-state/query-string";
import { streamHref } from "./url-state/stream-url";
import { streamsHref } from "./url-state/streams-url";

/** Typed builders for the browser's URLs: the URL is the state, so every link is built here. */
export const routes = {
  events: eventsHref,
  /** `tenant` picks among events of several tenants with this id ("" for the one without a tenant). */
  /** An event's page, naming its tenant so that a reader of every tenant lands on this one. */
  eventOf: (event: { id: string; tenant: string | null }) =>
    event.tenant === null
      ? `/events/${encodeURIComponent(event.id)}`
      : `/events/${encodeURIComponent(event.id)}?tenant=${encodeURIComponent(event.tenant)}`,
  event: (id: string, tenant?: string | null) =>
    tenant === undefined
      ? `/events/${encodeURIComponent(id)}`
      : `/events/${encodeURIComponent(id)}?tenant=${encodeURIComponent(tenant ?? "")}`,
  streams: streamsHref,
  stream: streamHref,
  correlation: (id: string, eventId?: string) =>
    withQuery(`/correlations/${encodeURIComponent(id)}`, { event: eventId }),
  types: () => "/types",
  integrity: () => "/integrity",
  /** Search-language terms need quoting when they contain spaces or quotes. */
  term: (field: string, value: string) =>
    /[\s"]/.test(value) ? `${field}:"${value.replace(/["\\]/g, "\\$&")}"` : `${field}:${value}`,
};

/**
 * A dynamic segment as a page receives it. Next hands pages the raw, still percent-encoded
 * segment (route handlers get it decoded), so pages decode it here; malformed escapes stay as sent.
 */
export function pathSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
