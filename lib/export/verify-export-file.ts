import { createHash } from "node:crypto";
import { keyIdOf, verifySigned } from "../integrity/checkpoint-signature";
import { hashedFieldsOf } from "../store/event-record";
import { hashEvent } from "../store/hash-event";
import { checkHeadSignature } from "../transparency/check-tree-head";
import { appendLeaves, EMPTY_FRONTIER, frontierRoot } from "../transparency/merkle-frontier";
import { leafHash } from "../transparency/merkle-hash";
import { verifyInclusion } from "../transparency/merkle-proofs";
import { entryOf } from "../transparency/tree-head";
import type { ExportRow } from "./export-format";
import { type ExportManifest, manifestPayload } from "./export-manifest";
import { readExportRecords, sniffFormat } from "./read-export-records";

export interface ExportVerdict {
  ok: boolean;
  format: "csv" | "jsonl";
  rows: number;
  manifest: ExportManifest | null;
  /** Whether the manifest and tree head signatures were checked (needs the public key). */
  signatureChecked: boolean;
  /** `row` counts data rows from 1. */
  firstBad?: { row: number | null; position: string | null; reason: string };
}

/** Finds the manifest (the last record) in a first pass, so the second can check rows against it. */
async function findManifest(file: string, format: "csv" | "jsonl"): Promise<ExportManifest | null> {
  let manifest: ExportManifest | null = null;
  for await (const record of readExportRecords(file, format)) if ("manifest" in record) manifest = record.manifest;
  return manifest;
}

/**
 * Verifies an export without the database: every row still hashes to its recorded hash, rows are
 * in order (and, for an unfiltered export, chained and gapless), none were added or removed (count
 * and digest against the manifest), every row is in the log the signed tree head commits to (an
 * unfiltered export rebuilds the head's root from its rows; a filtered one checks each row's
 * inclusion proof), and, given the public key, the manifest and the head are signed by the log's
 * key. Reads the file twice, streaming: memory stays flat. Names the first bad row.
 */
export async function verifyExportFile(
  file: string,
  options: { publicKeyPem?: string; manifest?: ExportManifest } = {},
): Promise<ExportVerdict> {
  const format = sniffFormat(file);
  let rows = 0;
  let trailer: ExportManifest | null = null;
  const verdict = (reason: string, row: ExportRow | null = null): ExportVerdict => ({
    ok: false,
    format,
    rows,
    manifest: trailer ?? options.manifest ?? null,
    signatureChecked: false,
    firstBad: { row: row ? rows : null, position: row?.position ?? null, reason },
  });
  let manifest: ExportManifest | null;
  try {
    trailer = await findManifest(file, format);
    manifest = options.manifest ?? trailer;
  } catch (error) {
    return verdict(`unreadable: ${(error as Error).message}`);
  }
  if (!manifest) return verdict("truncated: the file has no manifest (the export did not finish)");
  if (trailer && options.manifest && JSON.stringify(trailer) !== JSON.stringify(options.manifest))
    return verdict("the file's manifest differs from the one given");
  const head = manifest.treeHead;
  const treeSize = Number(head?.treeSize ?? 0);
  const digest = createHash("sha256");
  let previous: ExportRow | null = null;
  let frontier = EMPTY_FRONTIER;
  let first: string | null = null;
  let ended = false;
  try {
    for await (const record of readExportRecords(file, format)) {
      if (ended) return verdict("data after the manifest");
      if ("manifest" in record) {
        ended = true;
        continue;
      }
      const row = record.row;
      rows++;
      if (hashEvent(row.prevHash, hashedFieldsOf(row)) !== row.hash)
        return verdict("hash_mismatch: the row was modified", row);
      if (previous && BigInt(row.position) <= BigInt(previous.position))
        return verdict("out_of_order: positions must increase", row);
      if (Number(row.position) > treeSize) return verdict("beyond_head: the row is not covered by the tree head", row);
      const leaf = leafHash(entryOf(row.hash));
      if (manifest.contiguous) {
        const expected = previous ? BigInt(previous.position) + 1n : 1n;
        if (BigInt(row.position) !== expected || row.prevHash !== (previous?.hash ?? row.prevHash))
          return verdict("chain_break: a row is missing or reordered before this one", row);
        frontier = appendLeaves(frontier, [leaf]).frontier;
      } else if (
        !head ||
        !verifyInclusion(Number(row.position) - 1, treeSize, leaf, proofOf(row), Buffer.from(head.rootHash, "hex"))
      )
        return verdict("not_included: the row's inclusion proof does not lead to the tree head", row);
      first ??= row.position;
      digest.update(row.hash);
      previous = row;
    }
  } catch (error) {
    return verdict(`unreadable: ${(error as Error).message}`);
  }
  if (manifest.count !== rows)
    return verdict(`count_mismatch: the manifest lists ${manifest.count} rows, the file has ${rows}`);
  if (manifest.rowsDigest !== digest.digest("hex"))
    return verdict("digest_mismatch: rows were added, removed or replaced");
  if (manifest.firstPosition !== first || manifest.lastPosition !== (previous?.position ?? null))
    return verdict("range_mismatch: first/last positions differ from the manifest");
  if (
    manifest.contiguous &&
    head &&
    (frontier.size !== treeSize || frontierRoot(frontier).toString("hex") !== head.rootHash)
  )
    return verdict("root_mismatch: the rows do not rebuild the tree head's root");
  if (!options.publicKeyPem) return { ok: true, format, rows, manifest, signatureChecked: false };
  const pub = options.publicKeyPem;
  if (manifest.keyId !== keyIdOf(pub) || !verifySigned(manifestPayload(manifest), manifest.signature, pub))
    return verdict("bad_signature: the manifest is not signed by this key");
  if (head && checkHeadSignature(head, new Map([[keyIdOf(pub), pub]])) !== "ok")
    return verdict("bad_tree_head: the tree head is not signed by this key");
  if (rows > 0 && !head) return verdict("bad_tree_head: rows without a tree head");
  return { ok: true, format, rows, manifest, signatureChecked: true };
}

function proofOf(row: ExportRow): Buffer[] {
  return (Array.isArray(row.inclusionProof) ? row.inclusionProof : []).map((hash) => Buffer.from(String(hash), "hex"));
}
