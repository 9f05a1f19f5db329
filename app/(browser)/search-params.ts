import { z } from "zod";

/**
 * The Events page's state, all of it in the URL: the search, the page cursor, and a one-shot
 * "jump to time". Shared by the page and (later) the export link, so both mean the same events.
 */
export const EventsParams = z.object({
  q: z.string().max(2000).catch(""),
  cursor: z.string().regex(/^[fb]\d{1,18}$/).optional().catch(undefined),
  at: z.string().optional().catch(undefined),
});
export type EventsParams = z.infer<typeof EventsParams>;

export function parseEventsParams(raw: Record<string, string | string[] | undefined>): EventsParams {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return EventsParams.parse({ q: first(raw.q) ?? "", cursor: first(raw.cursor), at: first(raw.at) });
}
