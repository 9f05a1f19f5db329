import { z } from "zod";
import { Forbidden } from "../errors";
import type { TenantScope } from "../store/tenant-scope";

/** `subscribe`: create, manage and consume the subscriptions of the key's tenant (README, Subscribe a service). */
export const Scope = z.enum(["write", "read", "export", "admin", "subscribe"]);
export type Scope = z.infer<typeof Scope>;

/** Who is calling: an API key (or the bootstrap admin token) with its scopes and optional tenant. */
export interface Principal {
  /** The key's id; null for the TRAILBOOK_ADMIN_TOKEN bootstrap token. */
  keyId: string | null;
  name: string;
  scopes: Scope[];
  /** When set, every write is stamped with this tenant and every read sees only it. */
  tenant: string | null;
  /** The key's own requests per second (0 = unlimited); null or absent: the server's default. */
  rateLimit?: number | null;
}

/** `admin` implies every other scope. */
export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.includes(scope) || principal.scopes.includes("admin");
}

export function requireScope(principal: Principal, scope: Scope): void {
  if (!hasScope(principal, scope)) throw new Forbidden(`This key lacks the \`${scope}\` scope.`);
}

/** What the principal may read: its tenant, or every tenant for a key bound to none. */
export function scopeOf(principal: Principal): TenantScope {
  return principal.tenant === null ? "all-tenants" : { tenant: principal.tenant };
}
