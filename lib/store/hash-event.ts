import { createHash } from "node:crypto";

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

/**
 * RFC 8785 (JCS) canonical JSON for values that came from JSON: object keys sorted by UTF-16 code
 * units (JavaScript's default sort), strings and numbers exactly as JSON.stringify writes them
 * (which is what JCS specifies), no whitespace; undefined members are skipped. The one JCS of the
 * project (hashes, signatures, replay comparison); hash-event.test.ts checks it against the
 * `canonicalize` package, the reference implementation, on generated input.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) text += (i ? "," : "") + canonicalJson(value[i] === undefined ? null : value[i]);
    return `${text}]`;
  }
  let text = "{";
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    text += `${text.length > 1 ? "," : ""}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}

/** hash = hex(SHA-256(prevHash ‖ JCS(fields))), JCS being RFC 8785 canonical JSON. */
export function hashEvent(prevHash: string, fields: HashedFields): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(fields)).digest("hex");
}
