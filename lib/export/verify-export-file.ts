import { createHash } from "node:crypto";
import { canonicalJson } from "../encoding/canonical-json";
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
import { ExportRecordError, readExportManifest, readExportRecords, sniffFormat } from "./read-export-records";

export interface ExportVerdict {
  ok: boolean;
  format: "csv" | "jsonl";
  rows: number;
  manifest: ExportManifest | null;
  /** Whether the manifest and tree head signatures were checked (needs the public key). */
  signatureChecked: boolean;
  /** `row` counts data rows from 1; `reason` starts with a verdict code (`hash_mismatch: …`). */
  firstBad?: { row: number | null; position: string | null; reason: string };
}

export interface VerifyExportOptions {
  /** Public keys (SPKI PEM) by key id, e.g. the keyring: signatures by any of them are accepted. */
  publicKeys?: ReadonlyMap<string, string>;
  /** One public key (PEM), the same as `publicKeys` holding only it. */
  publicKeyPem?: string;
  /** The manifest kept apart from the file; the file's own, if it has one, must be the same. */
  manifest?: ExportManifest;
}

const POSITION = /^[1-9][0-9]*$/;

/**
 * Verifies an export without the database: every row still hashes to its recorded hash, rows are
 * in order (and, for an unfiltered export, chained and gapless), none were added or removed (count
 * and digest against the manifest), every row is in the log the signed tree head commits to (an
 * unfiltered export rebuilds the head's root from its rows; a filtered one checks each row's
 * inclusion proof), and, given public keys, the manifest and the head are signed by one of them.
 * A CSV cell the export would not have written (a formula without its guard) is refused. Reads the
 * file twice, streaming: memory stays flat. Names the first fault; each check has its own code.
 */
export async function verifyExportFile(file: string, options: VerifyExportOptions = {}): Promise<ExportVerdict> {
  const format = sniffFormat(file);
  const pem = options.publicKeyPem;
  const keys = options.publicKeys ?? (pem === undefined ? null : new Map([[keyIdOf(pem), pem]]));
  let rows = 0;
  let trailer: ExportManifest | null = null;
  const verdict = (reason: string, at?: { row: number; position: string | null }): ExportVerdict => ({
    ok: false,
    format,
    rows,
    manifest: trailer ?? options.manifest ?? null,
    signatureChecked: false,
    firstBad: { row: at?.row ?? null, position: at?.position ?? null, reason },
  });
  const failure = (error: unknown): ExportVerdict =>
    error instanceof ExportRecordError
      ? verdict(error.reason, error)
      : verdict(`unreadable: ${(error as Error).message}`);
  try {
    // A first pass finds the manifest (the last record), so the second can check rows against it.
    trailer = await readExportManifest(file, format);
  } catch (error) {
    return failure(error);
  }
  const manifest = options.manifest ?? trailer;
  if (!manifest) return verdict("truncated: the file has no manifest (the export did not finish)");
  if (trailer && options.manifest && canonicalJson(trailer) !== canonicalJson(options.manifest))
    return verdict("manifest_mismatch: the file's manifest differs from the one given");
  const head = manifest.treeHead;
  const digest = createHash("sha256");
  let previous: ExportRow | null = null;
  let frontier = EMPTY_FRONTIER;
  let first: string | null = null;
  let ended = false;
  try {
    const treeSize = BigInt(head?.treeSize ?? 0);
    for await (const record of readExportRecords(file, format)) {
      if (ended) return verdict("trailing_data: data after the manifest");
      if ("manifest" in record) {
        ended = true;
        continue;
      }
      const row = record.row;
      rows++;
      const at = { row: rows, position: row.position ?? null };
      if (!POSITION.test(row.position) || typeof row.prevHash !== "string")
        return verdict("malformed: a row needs a position (a whole number from 1) and a prev_hash", at);
      if (hashEvent(row.prevHash, hashedFieldsOf(row)) !== row.hash)
        return verdict("hash_mismatch: the row was modified", at);
      const position = BigInt(row.position);
      if (previous && position <= BigInt(previous.position))
        return verdict("out_of_order: positions must increase", at);
      // Without a head the size is 0: no row is covered, and past this point there is a head.
      if (position > treeSize) return verdict("beyond_head: the row is not covered by the tree head", at);
      const leaf = leafHash(entryOf(row.hash));
      if (manifest.contiguous) {
        if (position !== BigInt(rows) || (previous && row.prevHash !== previous.hash))
          return verdict("chain_break: a row is missing or reordered before this one", at);
        frontier = appendLeaves(frontier, [leaf]).frontier;
      } else if (!verifyInclusion(position - 1n, treeSize, leaf, proofOf(row), Buffer.from(head!.rootHash, "hex")))
        return verdict("not_included: the row's inclusion proof does not lead to the tree head", at);
      first ??= row.position;
      digest.update(row.hash);
      previous = row;
    }
    if (manifest.count !== rows)
      return verdict(`count_mismatch: the manifest lists ${manifest.count} rows, the file has ${rows}`);
    if (manifest.rowsDigest !== digest.digest("hex"))
      return verdict("digest_mismatch: rows were added, removed or replaced");
    if (manifest.firstPosition !== first || manifest.lastPosition !== (previous?.position ?? null))
      return verdict("range_mismatch: first/last positions differ from the manifest");
    // Rows 1..n rebuild the root of n leaves, which is the head's only if n is its size too.
    if (manifest.contiguous && head && frontierRoot(frontier).toString("hex") !== head.rootHash)
      return verdict("root_mismatch: the rows do not rebuild the tree head's root");
  } catch (error) {
    return failure(error);
  }
  if (!keys) return { ok: true, format, rows, manifest, signatureChecked: false };
  const manifestKey = keys.get(manifest.keyId);
  if (manifestKey === undefined)
    return verdict(`unknown_key: the manifest is signed by key ${manifest.keyId}, which is not among the keys given`);
  if (!verifySigned(manifestPayload(manifest), manifest.signature, manifestKey))
    return verdict(`bad_signature: the manifest's signature does not verify with key ${manifest.keyId}`);
  if (head) {
    const headVerdict = checkHeadSignature(head, keys);
    if (headVerdict === "unknown_key")
      return verdict(`unknown_key: the tree head is signed by key ${head.keyId}, which is not among the keys given`);
    if (headVerdict !== "ok")
      return verdict(`bad_tree_head: the tree head's signature or head hash does not verify with key ${head.keyId}`);
  }
  return { ok: true, format, rows, manifest, signatureChecked: true };
}

function proofOf(row: ExportRow): Buffer[] {
  return (Array.isArray(row.inclusionProof) ? row.inclusionProof : []).map((hash) => Buffer.from(String(hash), "hex"));
}
