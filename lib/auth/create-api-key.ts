import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "../db/database";
import { Forbidden } from "../errors";
import { TenantId } from "../store/schemas";
import { parseOrThrow } from "../validation/parse-or-throw";
import { hashKeySecret, keyPrefix, newKeySecret } from "./key-secret";
import { type Principal, Scope } from "./principal";

export const CreateKeyRequest = z.object({
  name: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[^\p{Cc}]+$/u, "no control characters"),
  scopes: z
    .array(Scope)
    .min(1)
    .transform((scopes) => [...new Set(scopes)]),
  tenant: TenantId.nullish(),
  /** Requests per second this key may make per server process; 0 = unlimited; absent = the server's default. */
  rateLimit: z.number().int().min(0).max(1_000_000).nullish(),
});
export type CreateKeyRequest = z.input<typeof CreateKeyRequest>;

/** An API key as listed: never its secret. */
export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  tenant: string | null;
  /** Requests per second per server process; null = the server's default, 0 = unlimited. */
  rateLimit: number | null;
  createdAt: string;
  revokedAt: string | null;
}

/**
 * Creates a key and returns its secret, which exists only in this return value: store it now.
 * A key bound to a tenant (`creator`) can only create keys bound to the same tenant: otherwise a
 * tenant's admin could mint a key for every tenant. Without a creator (the CLI), any key.
 */
export async function createApiKey(
  db: Database,
  request: CreateKeyRequest,
  creator?: Principal,
): Promise<ApiKeySummary & { secret: string }> {
  const parsed = parseOrThrow(CreateKeyRequest, request);
  const { name, scopes } = parsed;
  const tenant = creator?.tenant ? confined(creator.tenant, parsed.tenant) : parsed.tenant;
  const secret = newKeySecret();
  const row = await db.prisma.apiKey.create({
    data: {
      id: randomUUID(),
      name,
      scopes,
      tenant: tenant ?? null,
      rateLimit: parsed.rateLimit ?? null,
      keyHash: hashKeySecret(secret),
      prefix: keyPrefix(secret),
    },
  });
  return { ...toKeySummary(row), secret };
}

export function toKeySummary(row: {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  tenant: string | null;
  rateLimit: number | null;
  createdAt: Date;
  revokedAt: Date | null;
}): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as Scope[],
    tenant: row.tenant,
    rateLimit: row.rateLimit,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The tenant of a key created by a key bound to `own`: that tenant, never another or none. */
function confined(own: string, asked: string | null | undefined): string {
  if (asked !== undefined && asked !== own) {
    throw new Forbidden(`This key is bound to tenant ${own}: it can only create keys for that tenant.`);
  }
  return own;
}
