import "server-only";
import type { Database } from "../db/database";
import { type ApiKeySummary, toKeySummary } from "./create-api-key";

/** Every key, newest first, revoked ones included (they are history). Never returns secrets. */
export async function listApiKeys(db: Database): Promise<ApiKeySummary[]> {
  const rows = await db.prisma.apiKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  return rows.map(toKeySummary);
}
