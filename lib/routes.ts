/** Typed builders for the browser's URLs: the URL is the state, so every link is built here. */

function withQuery(path: string, params: Record<string, string | undefined | null>): string {
  const query = new URLSearchParams(Object.entries(params).flatMap(([key, value]) => (value ? [[key, value]] : [])));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export const routes = {
  events: (params: { q?: string; cursor?: string | null; at?: string } = {}) => withQuery("/", params),
  event: (id: string) => `/events/${encodeURIComponent(id)}`,
  streams: (params: { prefix?: string; cursor?: string | null } = {}) => withQuery("/streams", params),
  stream: (name: string, params: { fromVersion?: number | null; direction?: "forward" | "backward" } = {}) =>
    withQuery(`/streams/${encodeURIComponent(name)}`, {
      fromVersion: params.fromVersion === undefined || params.fromVersion === null ? undefined : String(params.fromVersion),
      direction: params.direction === "backward" ? "backward" : undefined,
    }),
  correlation: (id: string, eventId?: string) => withQuery(`/correlations/${encodeURIComponent(id)}`, { event: eventId }),
  types: () => "/types",
  /** Search-language terms need quoting when they contain spaces or quotes. */
  term: (field: string, value: string) => (/[\s"]/.test(value) ? `${field}:"${value.replace(/["\\]/g, "\\$&")}"` : `${field}:${value}`),
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
