import "server-only";
import { timingSafeEqual } from "node:crypto";
import { config } from "../config";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { Unauthorized } from "../errors";
import { hashKeySecret, looksLikeKey } from "./key-secret";
import type { Principal, Scope } from "./principal";

/** Reads `Authorization: Bearer <key>` and returns who it is, or throws Unauthorized. */
export async function authenticate(db: Database, authorization: string | null): Promise<Principal> {
  const match = /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? "");
  if (!match) throw new Unauthorized();
  return authenticateSecret(db, match[1]!);
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
