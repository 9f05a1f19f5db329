import { describe, expect, it } from "vitest";
import type { EventRecord } from "../store/event-record";
import {
  check,
  even,
  files,
  filtered,
  formats,
  full,
  head,
  key,
  keys,
  log,
  other,
  reason,
} from "../verifier/export-cases";
import { manifestFor, rehash, renderExport, signHead, withProofs } from "../verifier/export-fixture";
import type { ExportManifest } from "./export-manifest";
import { verifyExportFile } from "./verify-export-file";

// One test per check of verify-export-file.ts (the rest: verify-export-manifest.test.ts). Each file is a good
// export with exactly one thing altered (lib/verifier/export-cases.ts), and the test names the exact verdict.

describe("an untouched export", () => {
  it.each(formats)("verifies as %s, contiguous and filtered, with and without keys", async (format) => {
    const manifest = full(log, head, format);
    expect(await check(log, manifest, format)).toEqual({
      ok: true,
      format,
      rows: 12,
      manifest,
      signatureChecked: true,
    });
    expect(await check(log, manifest, format, {})).toEqual({
      ok: true,
      format,
      rows: 12,
      manifest,
      signatureChecked: false,
    });
    const rows = withProofs(log, even);
    const some = manifestFor(key, rows, head, { format, contiguous: false });
    expect(await check(rows, some, format, { publicKeyPem: key.publicKeyPem })).toEqual({
      ok: true,
      format,
      rows: 6,
      manifest: some,
      signatureChecked: true,
    });
  });

  it("verifies an export of an empty log (no tree head) and an empty filtered export", async () => {
    const empty = manifestFor(key, [], null, { format: "csv", contiguous: true });
    expect(await check([], empty, "csv")).toEqual({
      ok: true,
      format: "csv",
      rows: 0,
      manifest: empty,
      signatureChecked: true,
    });
    expect(await check([], filtered([]))).toMatchObject({ ok: true, rows: 0, signatureChecked: true });
  });

  it("verifies a head signed by a retired key when the keyring holds it", async () => {
    const old = signHead(other, log);
    const manifest = full(log, old);
    const keyring = new Map([...keys, [other.keyId, other.publicKeyPem]]);
    expect(await check(log, manifest, "jsonl", { publicKeys: keyring })).toMatchObject({ ok: true });
    expect(reason(await check(log, manifest))).toMatch(/^unknown_key: the tree head is signed by key /);
  });

  it("verifies a file without its trailer against the manifest kept apart", async () => {
    const manifest = full();
    const text = renderExport("jsonl", log, manifest).split("\n").slice(0, -2).join("\n");
    const file = files.write("no-trailer.jsonl", text);
    expect(await verifyExportFile(file, { manifest, publicKeys: keys })).toMatchObject({ ok: true, rows: 12 });
    const cut = files.write("cut.jsonl", text.split("\n").slice(0, -1).join("\n"));
    expect(await verifyExportFile(cut, { manifest, publicKeys: keys })).toEqual({
      ok: false,
      format: "jsonl",
      rows: 11,
      manifest,
      signatureChecked: false,
      firstBad: { row: null, position: null, reason: "count_mismatch: the manifest lists 12 rows, the file has 11" },
    });
    // The same manifest with its members in another order is the same manifest.
    const reordered = Object.fromEntries(Object.entries(manifest).reverse()) as unknown as ExportManifest;
    expect(await check(log, manifest, "jsonl", { manifest: reordered })).toMatchObject({ ok: true });
  });
});

describe("the file as a whole", () => {
  it("truncated: a file without its manifest", async () => {
    const text = renderExport("csv", log, full()).split("\r\n").slice(0, 8).join("\r\n");
    expect(await verifyExportFile(files.write("cut.csv", text), { publicKeys: keys })).toEqual({
      ok: false,
      format: "csv",
      rows: 0,
      manifest: null,
      signatureChecked: false,
      firstBad: {
        row: null,
        position: null,
        reason: "truncated: the file has no manifest (the export did not finish)",
      },
    });
  });

  it("manifest_mismatch: the file's manifest is not the one kept apart", async () => {
    const manifest = full();
    const kept = { ...manifest, count: 11 };
    expect(reason(await check(log, manifest, "jsonl", { manifest: kept }))).toBe(
      "manifest_mismatch: the file's manifest differs from the one given",
    );
  });

  it("trailing_data: rows after the manifest", async () => {
    const text = `${renderExport("jsonl", log, full())}${renderExport("jsonl", log.slice(11), full())}`;
    expect(reason(await verifyExportFile(files.write("trailing.jsonl", text)))).toBe(
      "trailing_data: data after the manifest",
    );
  });

  it("unreadable: a line that is not JSON, a header that is not Trailbook's", async () => {
    const text = renderExport("jsonl", log, full()).replace("\n", "\n{oops\n");
    expect(await verifyExportFile(files.write("oops.jsonl", text))).toMatchObject({
      ok: false,
      rows: 0,
      firstBad: { row: null, position: null, reason: expect.stringMatching(/^unreadable: .*JSON/) },
    });
    const csv = renderExport("csv", log, full(log, head, "csv")).replace("position,id,", "position,uuid,");
    expect(reason(await verifyExportFile(files.write("header.csv", csv)))).toBe(
      "unreadable: not a Trailbook CSV export (unexpected header)",
    );
  });
});

describe("each row", () => {
  it.each(formats)("hash_mismatch (%s): a field edited, its hash left", async (format) => {
    const rows = log.map((row, i) => (i === 4 ? { ...row, data: { ...row.data, note: "edited" } } : row));
    const manifest = full(log, head, format);
    expect(await check(rows, manifest, format)).toEqual({
      ok: false,
      format,
      rows: 5,
      manifest,
      signatureChecked: false,
      firstBad: { row: 5, position: "5", reason: "hash_mismatch: the row was modified" },
    });
  });

  it("malformed: a position that is not a whole number from 1, a missing prev_hash", async () => {
    for (const position of ["0", "01", "1.0", "x1", "1x", ""]) {
      const rows = [rehash({ ...log[0]!, position }), ...log.slice(1)];
      expect(reason(await check(rows, full(rows))), position).toMatch(/^malformed: /);
    }
    const { prevHash: _, ...noPrev } = log[0]!;
    const rows = [noPrev as EventRecord, ...log.slice(1)];
    expect((await check(rows, full(rows))).firstBad).toEqual({
      row: 1,
      position: "1",
      reason: "malformed: a row needs a position (a whole number from 1) and a prev_hash",
    });
  });

  it("out_of_order: two rows of a filtered export swapped, or one repeated", async () => {
    const rows = withProofs(log, even);
    const swapped = [rows[0]!, rows[2]!, rows[1]!, ...rows.slice(3)];
    expect((await check(swapped, filtered(swapped))).firstBad).toEqual({
      row: 3,
      position: "4",
      reason: "out_of_order: positions must increase",
    });
    const repeated = [rows[0]!, rows[1]!, rows[1]!, ...rows.slice(2)];
    expect((await check(repeated, filtered(repeated))).firstBad).toMatchObject({ row: 3, reason: /^out_of_order/ });
  });

  it("beyond_head: a row after the tree head the manifest names", async () => {
    const at10 = signHead(key, log, { size: 10 });
    const rows = withProofs(log, even.slice(0, 5), 10);
    const later = [...rows, { ...log[11]!, inclusionProof: [] }];
    expect((await check(later, filtered(later, at10))).firstBad).toEqual({
      row: 6,
      position: "12",
      reason: "beyond_head: the row is not covered by the tree head",
    });
    expect(await check(rows, filtered(rows, at10))).toMatchObject({ ok: true, rows: 5 });
    // A manifest without a head covers no row.
    expect(reason(await check(rows, filtered(rows, null)))).toMatch(/^beyond_head/);
  });

  it("chain_break: a row missing from a contiguous export (the first, or one inside)", async () => {
    const gap = log.filter((row) => row.position !== "6");
    expect((await check(gap, full(gap))).firstBad).toEqual({
      row: 6,
      position: "7",
      reason: "chain_break: a row is missing or reordered before this one",
    });
    const late = log.slice(1);
    expect((await check(late, full(late))).firstBad).toMatchObject({ row: 1, position: "2", reason: /^chain_break/ });
  });

  it("chain_break: a row replaced by a forged one with a recomputed hash", async () => {
    const forged = log.map((row, i) => (i === 5 ? rehash({ ...row, data: { forged: true } }) : row));
    expect((await check(forged, full(forged))).firstBad).toEqual({
      row: 7,
      position: "7",
      reason: "chain_break: a row is missing or reordered before this one",
    });
  });

  it("not_included: a filtered row whose inclusion proof does not lead to the head", async () => {
    const rows = withProofs(log, even);
    const proof = [...rows[1]!.inclusionProof!];
    proof[0] = proof[0]!.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    const bad = rows.map((row, i) => (i === 1 ? { ...row, inclusionProof: proof } : row));
    expect((await check(bad, filtered(bad))).firstBad).toEqual({
      row: 2,
      position: "4",
      reason: "not_included: the row's inclusion proof does not lead to the tree head",
    });
    const none = rows.map((row, i) => (i === 1 ? { ...row, inclusionProof: undefined } : row));
    expect((await check(none, filtered(none))).firstBad).toMatchObject({ row: 2, reason: /^not_included/ });
  });

  it("a row without an inclusion proof is included only in a one-leaf tree (whose proof is empty)", async () => {
    const one = signHead(key, log, { size: 1 });
    const rows = [{ ...log[0]!, inclusionProof: undefined }];
    expect(await check(rows, filtered(rows, one))).toMatchObject({ ok: true, rows: 1 });
  });
});
