import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { StoredEvent } from "./event-row";
import type { Page, PageOptions } from "./page";
import { readEventsForward } from "./read-events-forward";

/** Every event of one correlation (of one tenant, if given), in position order, keyset-paginated forward. */
export function readCorrelation(
  db: Database,
  correlationId: string,
  options: Omit<PageOptions, "direction"> = {},
  tenant: string | null = null,
): Promise<Page<StoredEvent>> {
  return readEventsForward(db, Prisma.sql`e.correlation_id = ${correlationId}`, options, tenant);
}
