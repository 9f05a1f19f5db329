import { createHash, createPublicKey, verify as verifySignature } from "node:crypto";
import { canonicalJson } from "../encoding/canonical-json";

/** What a checkpoint signs: the chain head at a position, and when it was taken. */
export interface CheckpointBody {
  position: string;
  hash: string;
  createdAt: string;
}

export interface SignedCheckpoint extends CheckpointBody {
  keyId: string;
  /** Ed25519 signature over JCS(body), base64. */
  signature: string;
}

/** The exact bytes signed: RFC 8785 canonical JSON, so any verifier can rebuild them. */
export function checkpointPayload(body: CheckpointBody): Buffer {
  return Buffer.from(canonicalJson({ position: body.position, hash: body.hash, createdAt: body.createdAt }), "utf8");
}

/** A short, stable name for a public key: the first 16 hex digits of SHA-256 over its DER form. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex").slice(0, 16);
}

/** Checks a signed body (checkpoint or export manifest) against a public key, without any database. */
export function verifySigned(payload: Buffer, signature: string, publicKeyPem: string): boolean {
  try {
    return verifySignature(null, payload, createPublicKey(publicKeyPem), Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
