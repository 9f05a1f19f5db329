import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "../db/database";
import { TenantId } from "../store/schemas";
import { parseOrThrow } from "../validation/parse-or-throw";
import { hashKeySecret, keyPrefix, newKeySecret } from "./key-secret";
import { Scope } from "./principal";

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
});
export type CreateKeyRequest = z.input<typeof CreateKeyRequest>;

/** An API key as listed: never its secret. */
export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  tenant: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** Creates a key and returns its secret, which exists only in this return value: store it now. */
export async function createApiKey(
  db: Database,
  request: CreateKeyRequest,
): Promise<ApiKeySummary & { secret: string }> {
  const { name, scopes, tenant } = parseOrThrow(CreateKeyRequest, request);
  const secret = newKeySecret();
  const row = await db.prisma.apiKey.create({
    data: {
      id: randomUUID(),
      name,
      scopes,
      tenant: tenant ?? null,
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
  createdAt: Date;
  revokedAt: Date | null;
}): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as Scope[],
    tenant: row.tenant,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
