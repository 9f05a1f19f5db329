import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { Page, PageOptions } from "../paging/keyset-page";
import type { StoredEvent } from "./event-record";
import { readEvents } from "./read-events";
import type { TenantScope } from "./tenant-scope";

/** Every event of one correlation within the scope, in position order, keyset-paginated forward. */
export function readCorrelation(
  db: Database,
  correlationId: string,
  scope: TenantScope,
  options: Omit<PageOptions, "direction"> = {},
): Promise<Page<StoredEvent>> {
  return readEvents(db, { ...options, where: [Prisma.sql`e.correlation_id = ${correlationId}`], scope });
}
