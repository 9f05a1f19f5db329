import type { Direction } from "../paging/keyset-page";
import { first, type RawSearchParams, withQuery } from "./query-string";

/** One stream's page state: the first version shown (inclusive) and the reading direction. */
export interface StreamState {
  fromVersion?: number;
  direction: Direction;
}

export function parseStreamState(raw: RawSearchParams): StreamState {
  const direction = first(raw.direction) === "backward" ? "backward" : "forward";
  const text = first(raw.fromVersion) ?? "";
  const fromVersion = /^\d{1,16}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
  return { direction, ...(fromVersion !== undefined && { fromVersion }) };
}

export function streamHref(name: string, state: { fromVersion?: number | null; direction?: Direction } = {}): string {
  return withQuery(`/streams/${encodeURIComponent(name)}`, {
    fromVersion: state.fromVersion === undefined || state.fromVersion === null ? undefined : String(state.fromVersion),
    direction: state.direction === "backward" ? "backward" : undefined,
  });
}
