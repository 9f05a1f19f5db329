import { canonicalJson } from "../encoding/canonical-json";
import type { SignedCheckpoint } from "../integrity/checkpoint-signature";

/**
 * The last line of every export. It makes a short file detectable (no manifest, or a count that
 * does not match) and, signed with the checkpoint key, binds the rows to the chain: `rowsDigest`
 * is SHA-256 over the rows' hashes in order, and `checkpoint` pins a chain head at or after them.
 */
export interface ExportManifest {
  trailbook: "export";
  version: 1;
  format: "csv" | "jsonl";
  query: string;
  tenant: string | null;
  count: number;
  firstPosition: string | null;
  lastPosition: string | null;
  /** True when the rows are every event from first to last position (no filter): prev_hash links are checked too. */
  contiguous: boolean;
  rowsDigest: string;
  checkpoint: SignedCheckpoint | null;
  exportedAt: string;
  keyId: string;
  /** Ed25519 over JCS(manifest without `signature`), base64. */
  signature: string;
}

export function manifestPayload(manifest: Omit<ExportManifest, "signature"> & { signature?: string }): Buffer {
  const { signature: _ignored, ...body } = manifest;
  return Buffer.from(canonicalJson(body), "utf8");
}

/** The trailer as a CSV row: `#manifest` in the first cell, the manifest's JSON in the second, the rest empty. */
export const CSV_MANIFEST_MARK = "#manifest";
