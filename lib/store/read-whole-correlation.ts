import "server-only";
import type { Database } from "../db/database";
import type { StoredEvent } from "./event-record";
import { readCorrelation } from "./read-correlation";
import type { TenantScope } from "./tenant-scope";

/** How many events of one correlation a single view or tree shows at most. */
export const CORRELATION_CAP = 10_000;

/** A whole correlation in position order, up to {@link CORRELATION_CAP} events, in 1000-event pages. */
export async function readWholeCorrelation(
  db: Database,
  correlationId: string,
  scope: TenantScope,
): Promise<{ events: StoredEvent[]; truncated: boolean }> {
  const events: StoredEvent[] = [];
  let after: string | undefined;
  do {
    const page = await readCorrelation(db, correlationId, scope, { after, limit: 1000 });
    events.push(...page.items);
    after = page.next ?? undefined;
  } while (after !== undefined && events.length < CORRELATION_CAP);
  return { events: events.slice(0, CORRELATION_CAP), truncated: after !== undefined };
}
