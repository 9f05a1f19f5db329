import { createHash } from "node:crypto";
import { canonicalJson } from "../encoding/canonical-json";
import type { HashedFields } from "./event-record";

/** The `prev_hash` of the first event. */
export const GENESIS_HASH = "0".repeat(64);

/** hash = hex(SHA-256(prevHash ‖ JCS(fields))), JCS being RFC 8785 canonical JSON. */
export function hashEvent(prevHash: string, fields: HashedFields): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(fields)).digest("hex");
}
