import { z } from "zod";

export const Direction = z.enum(["forward", "backward"]);
export type Direction = z.infer<typeof Direction>;

/** A position as clients send it: a decimal string (or number) that fits a bigint column. */
export const Position = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^(0|[1-9][0-9]{0,17})$/, "a position is a non-negative integer below 10^18"));

/**
 * Keyset page options: items strictly past the position `after`, in reading order (above it
 * forward, below it backward). Exclusive, unlike a stream's inclusive `fromVersion`.
 */
export const PageOptions = z.object({
  after: Position.optional(),
  direction: Direction.default("forward"),
  limit: z.number().int().min(1).max(1000).default(50),
});
export type PageOptions = z.input<typeof PageOptions>;

export interface Page<T, C = string> {
  items: T[];
  /** Pass as `after` to get the next page; null when this page reached the end. */
  next: C | null;
}

/** Rows were fetched with LIMIT n+1: the extra row only says that a next page exists. */
export function toPage<T, C>(rows: T[], limit: number, cursorOf: (item: T) => C): Page<T, C> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
