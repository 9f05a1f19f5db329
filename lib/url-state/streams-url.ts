import { first, type RawSearchParams, withQuery } from "./query-string";

/** How the streams list is ordered: by name (A–Z), last activity or event count (most first). */
export const STREAM_SORTS = ["name", "activity", "count"] as const;
export type StreamSort = (typeof STREAM_SORTS)[number];

/**
 * The Streams page's state: a name prefix, a category (the name before the first `-`), the order,
 * and where the previous page ended (a name, or `value_name` when sorted by activity or count).
 * Without any of them the page shows stream categories, unless `names` asks for every name A–Z.
 */
export interface StreamsState {
  prefix: string;
  category?: string;
  sort?: Exclude<StreamSort, "name">;
  cursor?: string;
  names?: true;
}

/** Reads the state from a page's search params (values longer than a stream name are cut). */
export function parseStreamsState(raw: RawSearchParams): StreamsState {
  const prefix = first(raw.prefix)?.slice(0, 200) ?? "";
  // A category holds no "-"; one given with it could match nothing, so it is cut there.
  const category = first(raw.category)?.split("-")[0]?.slice(0, 200);
  const given = first(raw.sort);
  const sort = given === "activity" || given === "count" ? given : undefined;
  // A cursor of another order (a name, when sorted by count) starts the list over.
  const cursor = first(raw.cursor)?.slice(0, 240);
  const fits = cursor !== undefined && (sort === undefined || /^-?\d{1,20}_/.test(cursor));
  return {
    prefix,
    ...(category && { category }),
    ...(sort && { sort }),
    ...(fits && cursor && { cursor }),
    ...(first(raw.view) === "names" && { names: true as const }),
  };
}

export function streamsHref(
  state: { prefix?: string; category?: string; sort?: StreamSort; cursor?: string | null; names?: boolean } = {},
): string {
  return withQuery("/streams", {
    prefix: state.prefix,
    category: state.category,
    sort: state.sort === "name" ? undefined : state.sort,
    cursor: state.cursor,
    view: state.names ? "names" : undefined,
  });
}
