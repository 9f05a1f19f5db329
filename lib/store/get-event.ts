import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { AmbiguousEventId, NotFound } from "../errors";
import type { StoredEvent } from "./event-record";
import { readEvents } from "./read-events";
import type { TenantScope } from "./tenant-scope";

/**
 * One event by id, with every stream it is in. Throws NotFound, also when the event belongs to a
 * tenant outside the scope: a tenant-bound caller cannot even learn that it exists. Ids are unique
 * per tenant, so a reader of every tenant may name the tenant (`null`: events without one); when
 * it does not and several tenants hold the id, throws AmbiguousEventId naming them.
 */
export async function getEvent(
  db: Database,
  id: string,
  scope: TenantScope,
  tenant?: string | null,
): Promise<StoredEvent> {
  if (!z.uuid().safeParse(id).success) throw new NotFound(`Event ${id}`);
  const where = [
    Prisma.sql`e.id = ${id}::uuid`,
    ...(tenant === undefined ? [] : [Prisma.sql`e.tenant IS NOT DISTINCT FROM ${tenant}::text`]),
  ];
  const found = (await readEvents(db, { where, scope, limit: 2 })).items;
  if (found.length > 1) {
    const all = (await readEvents(db, { where, scope, limit: 1000 })).items;
    throw new AmbiguousEventId(
      id,
      all.map((event) => event.tenant),
    );
  }
  if (!found[0]) throw new NotFound(`Event ${id}`);
  return found[0];
}
