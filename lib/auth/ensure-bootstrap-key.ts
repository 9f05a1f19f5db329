import "server-only";
import { randomUUID } from "node:crypto";
import { config } from "../config";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { hashKeySecret, keyPrefix, newKeySecret } from "./key-secret";

/** Any fixed 64-bit number: servers starting together decide one at a time whether to mint. */
const BOOTSTRAP_LOCK_KEY = 7_411_902_618n;

/**
 * On a fresh installation (no keys at all, no TRAILBOOK_ADMIN_TOKEN) creates one admin key and
 * returns its secret so the caller can print it once. Returns null otherwise. The check and the
 * insert hold one advisory lock, so two servers starting at once on an empty PostgreSQL mint one.
 */
export async function ensureBootstrapKey(db: Database): Promise<string | null> {
  if (config.adminToken) return null;
  return db.transaction(async (tx) => {
    await tx.query(Prisma.sql`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY}::bigint)`);
    const [row] = await tx.query<{ any: boolean }>(Prisma.sql`SELECT EXISTS (SELECT 1 FROM api_keys) AS any`);
    if (row?.any) return null;
    const secret = newKeySecret();
    await tx.query(Prisma.sql`
      INSERT INTO api_keys (id, name, key_hash, prefix, scopes)
      VALUES (${randomUUID()}::uuid, 'bootstrap admin', ${hashKeySecret(secret)}, ${keyPrefix(secret)},
              ARRAY['admin'])`);
    return secret;
  });
}
