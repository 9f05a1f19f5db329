import "server-only";
import { config } from "../config";
import type { Database } from "../db/database";
import { createApiKey } from "./create-api-key";

/**
 * On a fresh installation (no keys at all, no TRAILBOOK_ADMIN_TOKEN) creates one admin key and
 * returns its secret so the caller can print it once. Returns null otherwise.
 */
export async function ensureBootstrapKey(db: Database): Promise<string | null> {
  if (config.adminToken) return null;
  if ((await db.prisma.apiKey.count()) > 0) return null;
  const key = await createApiKey(db, { name: "bootstrap admin", scopes: ["admin"] });
  return key.secret;
}
