import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { NotFound } from "../errors";
import { type ApiKeySummary, toKeySummary } from "./create-api-key";

/** Revokes a key at once (the next request with it is refused). Revoking twice keeps the first time. */
export async function revokeApiKey(db: Database, id: string): Promise<ApiKeySummary> {
  if (!z.uuid().safeParse(id).success) throw new NotFound(`API key ${id}`);
  const keyId = id;
  await db.prisma.apiKey.updateMany({ where: { id: keyId, revokedAt: null }, data: { revokedAt: new Date() } });
  const row = await db.prisma.apiKey.findUnique({ where: { id: keyId } });
  if (!row) throw new NotFound(`API key ${id}`);
  return toKeySummary(row);
}
