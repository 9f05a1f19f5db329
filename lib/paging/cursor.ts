import { z } from "zod";
import type { Direction } from "./keyset-page";

/**
 * A page cursor: the direction to read and the position to continue after, as `f123` (forward,
 * positions above 123) or `b123` (backward, below 123). A forged cursor only moves the reader: every
 * filter, including the tenant, still applies.
 */
export const Cursor = z
  .string()
  .regex(/^[fb](0|[1-9][0-9]{0,17})$/, "not a cursor this API issued")
  .transform((text) => ({
    direction: (text[0] === "f" ? "forward" : "backward") as Direction,
    position: text.slice(1),
  }));
export type Cursor = z.output<typeof Cursor>;

export function encodeCursor(direction: Direction, position: string): string {
  return `${direction === "forward" ? "f" : "b"}${position}`;
}
