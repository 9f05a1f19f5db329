import { createHash } from "node:crypto";
import { afterAll } from "vitest";
import type { ExportRow } from "../export/export-format";
import type { ExportManifest } from "../export/export-manifest";
import { type ExportVerdict, verifyExportFile } from "../export/verify-export-file";
import type { SignedTreeHead } from "../transparency/tree-head";
import { chainEvents, manifestFor, renderExport, scratch, signHead, testKey } from "./export-fixture";

// One test per check of verify-export-file.ts: each file is a good export with exactly one thing
// altered, re-signed with the log's key where the alteration would otherwise fail a signature
// check first, and the test names the exact verdict, so deleting any one check fails a test.

export const files = scratch("verify-export");
afterAll(files.remove);
export const key = testKey();
export const other = testKey();
export const keys = new Map([[key.keyId, key.publicKeyPem]]);
export const log = chainEvents(12);
export const head = signHead(key, log);
export const even = log.filter((event) => Number(event.position) % 2 === 0);
export const formats = ["csv", "jsonl"] as const;

/** Writes rows and manifest as the server would, and verifies the file with the log's key. */
export async function check(
  rows: readonly ExportRow[],
  manifest: ExportManifest,
  format: "csv" | "jsonl" = "jsonl",
  options: Parameters<typeof verifyExportFile>[1] = { publicKeys: keys },
): Promise<ExportVerdict> {
  return verifyExportFile(files.write(`export.${format}`, renderExport(format, rows, manifest)), options);
}

/** A contiguous export of `rows` at `at` (the head over the whole log by default), signed by `key`. */
export const full = (
  rows: readonly ExportRow[] = log,
  at: SignedTreeHead | null = head,
  format: "csv" | "jsonl" = "jsonl",
) => manifestFor(key, rows, at, { format, contiguous: true });
/** A filtered export of `rows` (with their proofs) at `head`. */
export const filtered = (rows: readonly ExportRow[], at: SignedTreeHead | null = head) =>
  manifestFor(key, rows, at, { format: "jsonl", contiguous: false });
export const reason = (verdict: ExportVerdict) => verdict.firstBad?.reason ?? "ok";
export const digestOf = (rows: readonly ExportRow[]) => {
  const digest = createHash("sha256");
  for (const row of rows) digest.update(row.hash);
  return digest.digest("hex");
};
