import "server-only";
import { randomBytes } from "node:crypto";
import { config } from "../config";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { Forbidden, Unauthorized } from "../errors";
import { authenticateSecret } from "./authenticate";
import { hashKeySecret } from "./key-secret";
import { hasScope, type Principal, type Scope } from "./principal";
import { signInThrottle } from "./sign-in-throttle";

export const SESSION_COOKIE = "tb_session";
export const SESSION_HOURS = 12;

/**
 * Signs in with an API key that has `read`: returns the cookie token (shown to no one else).
 * Failed sign-ins from `address` (clientAddress of the request) are throttled (sign-in-throttle.ts).
 */
export async function startSession(
  db: Database,
  secret: string,
  address: string,
): Promise<{ token: string; principal: Principal }> {
  const throttle = signInThrottle();
  throttle.check(address);
  const principal = await authenticateSecret(db, secret.trim()).catch((error: unknown) => {
    if (error instanceof Unauthorized) throttle.fail(address);
    throw error;
  });
  if (!hasScope(principal, "read")) throw new Forbidden("This key lacks the `read` scope needed to browse.");
  const token = randomBytes(32).toString("base64url");
  await db.query(Prisma.sql`
    INSERT INTO sessions (token_hash, key_id, bootstrap_hash, expires_at)
    VALUES (${hashKeySecret(token)}, ${principal.keyId}::uuid, ${principal.keyId ? null : hashKeySecret(secret.trim())},
            now() + make_interval(hours => ${SESSION_HOURS}))`);
  return { token, principal };
}

/** The principal behind a session token, or null when it is unknown, expired, ended or its key revoked. */
export async function resolveSession(db: Database, token: string | undefined): Promise<Principal | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db.query<{
    key_id: string | null;
    bootstrap_hash: string | null;
    name: string | null;
    scopes: Scope[] | null;
    tenant: string | null;
    rate_limit: number | null;
  }>(Prisma.sql`
    SELECT s.key_id::text AS key_id, s.bootstrap_hash, k.name, k.scopes, k.tenant, k.rate_limit
      FROM sessions s LEFT JOIN api_keys k ON k.id = s.key_id
     WHERE s.token_hash = ${hashKeySecret(token)} AND s.ended_at IS NULL AND s.expires_at > now()
       AND (s.key_id IS NULL OR k.revoked_at IS NULL)`);
  if (!row) return null;
  if (row.key_id) {
    return { keyId: row.key_id, name: row.name!, scopes: row.scopes!, tenant: row.tenant, rateLimit: row.rate_limit };
  }
  const bootstrap = config.adminToken;
  if (!bootstrap || hashKeySecret(bootstrap) !== row.bootstrap_hash) return null;
  return { keyId: null, name: "TRAILBOOK_ADMIN_TOKEN", scopes: ["admin"], tenant: null };
}

/** Signs out: the token is refused from now on, even if a copy of the cookie survives. */
export async function endSession(db: Database, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.query(
    Prisma.sql`UPDATE sessions SET ended_at = now() WHERE token_hash = ${hashKeySecret(token)} AND ended_at IS NULL`,
  );
}

/** Reads one cookie out of a Cookie header. */
export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}
