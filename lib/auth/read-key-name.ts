import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import type { TenantScope } from "../store/tenant-scope";

/**
 * The name of API key `keyId`, to say who recorded an event. Null when there is no such key, or
 * when the reader is bound to a tenant and the key is not its tenant's: an operator's key names
 * are not a tenant's to read (that reader sees the id the event already carries).
 */
export async function readKeyName(db: Database, keyId: string, scope: TenantScope): Promise<string | null> {
  // Writers are key ids or "bootstrap-token"; only a uuid can name a key (the column is a uuid).
  if (!z.uuid().safeParse(keyId).success) return null;
  const key = await db.prisma.apiKey.findUnique({ where: { id: keyId }, select: { name: true, tenant: true } });
  if (!key) return null;
  return scope === "all-tenants" || key.tenant === scope.tenant ? key.name : null;
}
