import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/** The `prev_hash` of the first event. */
export const GENESIS_HASH = "0".repeat(64);

export interface StreamVersion {
  name: string;
  version: number;
}

/**
 * Every immutable field of an event, as hashed. Times are ISO 8601 UTC with milliseconds and `Z`;
 * `streams` are the streams the event was appended to (later links are not part of the event).
 */
export interface HashedFields {
  position: string;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  tenant: string | null;
  actorId: string | null;
  actorType: string | null;
  actorName: string | null;
  targets: unknown[];
  correlationId: string;
  causationId: string | null;
  traceId: string | null;
  streams: StreamVersion[];
  occurredAt: string;
  recordedAt: string;
}

/** hash = hex(SHA-256(prevHash ‖ JCS(fields))), JCS being RFC 8785 canonical JSON. */
export function hashEvent(prevHash: string, fields: HashedFields): string {
  const canonical = canonicalize(fields);
  if (canonical === undefined) throw new Error("event fields are not canonicalizable");
  return createHash("sha256").update(prevHash).update(canonical).digest("hex");
}
