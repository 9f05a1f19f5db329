import { canonicalJson } from "../encoding/canonical-json";
import type { SignedTreeHead } from "../transparency/tree-head";

/**
 * The last line of every export. It makes a short file detectable (no manifest, or a count that
 * does not match) and, signed with the log's key, binds the rows to the log: `rowsDigest` is
 * SHA-256 over the rows' hashes in order, and `treeHead` is the signed tree head the export was
 * taken at (every row is at or below its size). A contiguous export holds every leaf of that tree,
 * so its root can be rebuilt from the rows; every row of any other export carries its inclusion
 * proof against that head.
 */
export interface ExportManifest {
  trailbook: "export";
  version: 2;
  format: "csv" | "jsonl";
  query: string;
  tenant: string | null;
  count: number;
  firstPosition: string | null;
  lastPosition: string | null;
  /** Every event up to the tree head (no filter): chain links are checked, and the head's root rebuilt. */
  contiguous: boolean;
  rowsDigest: string;
  treeHead: SignedTreeHead | null;
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
