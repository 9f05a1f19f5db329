import { createHash, randomBytes } from "node:crypto";

/**
 * Key format: `tb_` + 43 base64url characters (256 random bits). Keys made before (32 characters,
 * 192 bits) stay valid until revoked.
 */
const KEY_PATTERN = /^tb_(?:[A-Za-z0-9_-]{43}|[A-Za-z0-9_-]{32})$/;

export function newKeySecret(): string {
  return `tb_${randomBytes(32).toString("base64url")}`;
}

export function hashKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The part of a key that may be shown again later to recognise it (`tb_AbCd…`). */
export function keyPrefix(secret: string): string {
  return secret.slice(0, 7);
}

export function looksLikeKey(secret: string): boolean {
  return KEY_PATTERN.test(secret);
}
