import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { type Direction, type Page, PageOptions, toPage } from "../paging/keyset-page";
import { parseOrThrow } from "../validation/parse-or-throw";
import {
  EVENT_COLUMNS,
  type EventWithMemberships,
  fromMembershipRow,
  MEMBERSHIPS,
  type StoredEvent,
} from "./event-record";
import { scopeConditions, type TenantScope, whereAll } from "./tenant-scope";

export interface ReadEventsOptions extends PageOptions {
  /** Conditions on `events e` (built by lib/query from the search language, or by a store verb). */
  where: Prisma.Sql[];
  scope: TenantScope;
}

/**
 * Events matching `where` within the scope, keyset-paginated on the unique position: past `after`
 * in `direction` (default forward, oldest first), LIMIT n+1 to know whether a next page exists.
 * Every read of events for display goes through here.
 */
export async function readEvents(db: Database, options: ReadEventsOptions): Promise<Page<StoredEvent>> {
  const { after, direction, limit } = parseOrThrow(PageOptions, options);
  const conditions = [...options.where, ...scopeConditions(options.scope)];
  if (after !== undefined) conditions.push(pastPosition(direction, after));
  const order = direction === "forward" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await db.query<EventWithMemberships>(Prisma.sql`
    SELECT ${EVENT_COLUMNS}, ${MEMBERSHIPS} FROM events e ${whereAll(conditions)}
     ORDER BY e.position ${order} LIMIT ${limit + 1}`);
  return toPage(rows.map(fromMembershipRow), limit, (event) => event.position);
}

/** The keyset condition: strictly after `position` in reading order. */
function pastPosition(direction: Direction, position: string): Prisma.Sql {
  return direction === "forward"
    ? Prisma.sql`e.position > ${position}::bigint`
    : Prisma.sql`e.position < ${position}::bigint`;
}
