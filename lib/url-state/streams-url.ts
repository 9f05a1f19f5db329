import { first, type RawSearchParams, withQuery } from "./query-string";

/**
 * The Streams page's state: a name prefix, and the last name of the previous page. Without a
 * prefix or cursor the page shows stream categories, unless `names` asks for every name A–Z.
 */
export interface StreamsState {
  prefix: string;
  cursor?: string;
  names?: true;
}

/** Reads the state from a page's search params (values longer than a stream name are cut). */
export function parseStreamsState(raw: RawSearchParams): StreamsState {
  const prefix = first(raw.prefix)?.slice(0, 200) ?? "";
  const cursor = first(raw.cursor)?.slice(0, 200);
  return { prefix, ...(cursor && { cursor }), ...(first(raw.view) === "names" && { names: true as const }) };
}

export function streamsHref(state: { prefix?: string; cursor?: string | null; names?: boolean } = {}): string {
  return withQuery("/streams", { prefix: state.prefix, cursor: state.cursor, view: state.names ? "names" : undefined });
}
