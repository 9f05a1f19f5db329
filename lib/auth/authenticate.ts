import "server-only";
import { timingSafeEqual } from "node:crypto";
import { config } from "../config";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { Unauthorized } from "../errors";
import { hashKeySecret, looksLikeKey } from "./key-secret";
import type { Principal, Scope } from "./principal";

/**
 * Keys this process has resolved, by secret hash, for callers that check revocation themselves
 * (`cached`): a key's name, scopes, tenant and rate limit never change, only its revocation. Bounded:
 * emptied when full. Per database, so two stores in one process (tests) never share keys.
 */
const MAX_CACHED_KEYS = 10_000;
const slot = globalThis as typeof globalThis & { trailbookKeyCache?: WeakMap<Database, Map<string, Principal>> };
slot.trailbookKeyCache ??= new WeakMap();
const keyCache = slot.trailbookKeyCache;

/**
 * Reads `Authorization: Bearer <key>` and returns who it is, or throws Unauthorized. With
 * `cached`, a key resolved before is not looked up again: only for callers that refuse a revoked
 * key where it matters, as an append does under its lock (AppendRequest.liveKey).
 */
export async function authenticate(
  db: Database,
  authorization: string | null,
  options: { cached?: boolean } = {},
): Promise<Principal> {
  const match = /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? "");
  if (!match) throw new Unauthorized();
  if (!options.cached) return authenticateSecret(db, match[1]!);
  const hash = hashKeySecret(match[1]!);
  const cache = keyCache.get(db) ?? new Map<string, Principal>();
  keyCache.set(db, cache);
  const known = cache.get(hash);
  if (known) return known;
  const principal = await authenticateSecret(db, match[1]!);
  if (principal.keyId === null) return principal; // the admin token is compared, never looked up
  if (cache.size >= MAX_CACHED_KEYS) cache.clear();
  cache.set(hash, principal);
  return principal;
}

/** Drops a key from the cache (an append found it revoked): its next request is looked up, and refused there. */
export function forgetCachedKey(db: Database, keyId: string): void {
  const cache = keyCache.get(db);
  if (!cache) return;
  for (const [hash, principal] of cache) if (principal.keyId === keyId) cache.delete(hash);
}

/** Resolves a key secret (from a header or a session) to a principal, or throws Unauthorized. */
export async function authenticateSecret(db: Database, secret: string): Promise<Principal> {
  const bootstrap = config.adminToken;
  if (bootstrap && sameSecret(secret, bootstrap)) {
    return { keyId: null, name: "TRAILBOOK_ADMIN_TOKEN", scopes: ["admin"], tenant: null };
  }
  if (!looksLikeKey(secret)) throw new Unauthorized("The API key is not valid.");
  const [key] = await db.query<{
    id: string;
    name: string;
    scopes: Scope[];
    tenant: string | null;
    rate_limit: number | null;
  }>(Prisma.sql`
    SELECT id::text AS id, name, scopes, tenant, rate_limit FROM api_keys
     WHERE key_hash = ${hashKeySecret(secret)} AND revoked_at IS NULL`);
  if (!key) throw new Unauthorized("The API key is not valid or was revoked.");
  return { keyId: key.id, name: key.name, scopes: key.scopes, tenant: key.tenant, rateLimit: key.rate_limit };
}

/** Compares digests, so neither length nor content leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(hashKeySecret(given), "hex"), Buffer.from(hashKeySecret(expected), "hex"));
}
