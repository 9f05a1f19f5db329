import "server-only";
import type { Database } from "../db/database";
import type { StoredEvent } from "./event-row";
import { readCorrelation } from "./read-correlation";

/** How many events of one correlation a single view or tree shows at most. */
export const CORRELATION_CAP = 10_000;

/** A whole correlation in position order, up to {@link CORRELATION_CAP} events, in 1000-event pages. */
export async function readWholeCorrelation(
  db: Database,
  correlationId: string,
  tenant: string | null = null,
): Promise<{ events: StoredEvent[]; truncated: boolean }> {
  const events: StoredEvent[] = [];
  let from: string | undefined;
  do {
    const page = await readCorrelation(db, correlationId, { from, limit: 1000 }, tenant);
    events.push(...page.items);
    from = page.next ?? undefined;
  } while (from !== undefined && events.length < CORRELATION_CAP);
  return { events: events.slice(0, CORRELATION_CAP), truncated: from !== undefined };
}
