import { describe, expect, it } from "vitest";
import { check, digestOf, files, full, head, key, keys, log, other, reason } from "../verifier/export-cases";
import { manifestFor, renderExport, resignHead, signHead, signManifest } from "../verifier/export-fixture";
import type { ExportRow } from "./export-format";
import { verifyExportFile } from "./verify-export-file";

// One test per check of verify-export-file.ts that compares rows with the manifest, signatures and CSV cells
// (the rest: verify-export-file.test.ts).

describe("the rows against the manifest", () => {
  it("count_mismatch: the manifest lists another number of rows", async () => {
    const manifest = signManifest(key, { ...full(), count: 13 });
    expect(await check(log, manifest)).toEqual({
      ok: false,
      format: "jsonl",
      rows: 12,
      manifest,
      signatureChecked: false,
      firstBad: { row: null, position: null, reason: "count_mismatch: the manifest lists 13 rows, the file has 12" },
    });
  });

  it("digest_mismatch: the rows are not the ones the manifest's digest covers", async () => {
    const manifest = signManifest(key, { ...full(), rowsDigest: digestOf(log.slice(1)) });
    expect(reason(await check(log, manifest))).toBe("digest_mismatch: rows were added, removed or replaced");
  });

  it("range_mismatch: the first or the last position differs from the manifest's", async () => {
    for (const change of [{ firstPosition: "2" }, { lastPosition: "11" }, { firstPosition: null }]) {
      const manifest = signManifest(key, { ...full(), ...change });
      expect(reason(await check(log, manifest)), JSON.stringify(change)).toBe(
        "range_mismatch: first/last positions differ from the manifest",
      );
    }
    const empty = signManifest(key, { ...manifestFor(key, [], head, { format: "jsonl", contiguous: false }) });
    expect(reason(await check([], { ...empty, lastPosition: "0" }, "jsonl", {}))).toMatch(/^range_mismatch/);
  });

  it("root_mismatch: a contiguous export that stops before its head, or a head with another root", async () => {
    const ten = log.slice(0, 10);
    expect(reason(await check(ten, full(ten)))).toBe("root_mismatch: the rows do not rebuild the tree head's root");
    const otherRoot = resignHead(key, { ...head, rootHash: "ab".repeat(32) });
    expect(reason(await check(log, full(log, otherRoot)))).toMatch(/^root_mismatch/);
    const emptyAtHead = manifestFor(key, [], head, { format: "jsonl", contiguous: true });
    expect(reason(await check([], emptyAtHead))).toMatch(/^root_mismatch/);
  });
});

describe("the signatures", () => {
  it("unknown_key: the manifest is signed by a key that was not given", async () => {
    const manifest = manifestFor(other, log, head, { format: "jsonl", contiguous: true });
    expect(reason(await check(log, manifest))).toBe(
      `unknown_key: the manifest is signed by key ${other.keyId}, which is not among the keys given`,
    );
  });

  it("bad_signature: the manifest was changed after signing, or names the wrong key", async () => {
    const manifest = { ...full(), query: "type:Other" };
    expect(reason(await check(log, manifest))).toBe(
      `bad_signature: the manifest's signature does not verify with key ${key.keyId}`,
    );
    const byOther = signManifest(other, { ...full(), keyId: key.keyId });
    expect(reason(await check(log, byOther))).toMatch(/^bad_signature/);
  });

  it("unknown_key: the tree head is signed by a key that was not given", async () => {
    expect(reason(await check(log, full(log, signHead(other, log))))).toBe(
      `unknown_key: the tree head is signed by key ${other.keyId}, which is not among the keys given`,
    );
  });

  it("bad_tree_head: the tree head was changed after signing, or its head hash is wrong", async () => {
    const changed = { ...head, timestamp: "2020-01-01T00:00:00.000Z" };
    expect(reason(await check(log, full(log, changed)))).toBe(
      `bad_tree_head: the tree head's signature or head hash does not verify with key ${key.keyId}`,
    );
    const wrongHash = { ...head, headHash: "00".repeat(32) };
    expect(reason(await check(log, full(log, wrongHash)))).toMatch(/^bad_tree_head/);
  });
});

describe("CSV cells", () => {
  const csv = (rows: readonly ExportRow[] = log) => renderExport("csv", rows, full(rows, head, "csv"));

  it("unguarded_formula: a guard removed (as a spreadsheet does when it saves)", async () => {
    const text = csv();
    expect(text).toContain(",'-2,");
    const stripped = text.replace(",'-2,", ",-2,");
    expect(await verifyExportFile(files.write("stripped.csv", stripped), { publicKeys: keys })).toMatchObject({
      ok: false,
      rows: 1,
      firstBad: {
        row: 2,
        position: "2",
        reason: "unguarded_formula: column actor_id starts with a formula character without its ' guard",
      },
    });
  });

  it("names the first bad row when a later one has an unguarded formula", async () => {
    const rows = log.map((row, i) => (i === 0 ? { ...row, type: "Edited" } : row));
    const text = csv(rows).replace(",'-2,", ",-2,");
    expect((await verifyExportFile(files.write("two-faults.csv", text))).firstBad).toMatchObject({
      row: 1,
      reason: /^hash_mismatch/,
    });
  });

  it("noncanonical_json: a JSON cell reformatted", async () => {
    const text = csv().replace('"{""i"":3,', '"{ ""i"": 3,');
    expect((await verifyExportFile(files.write("spaced.csv", text))).firstBad).toEqual({
      row: 3,
      position: "3",
      reason: "noncanonical_json: column data is not the compact JSON an export writes",
    });
  });

  it("unreadable: a JSON cell that is not JSON is named by row", async () => {
    const text = csv().replace('"{""i"":3,', '"{""i"":3,,');
    expect((await verifyExportFile(files.write("broken.csv", text))).firstBad).toMatchObject({
      row: 3,
      position: "3",
      reason: expect.stringMatching(/^unreadable: /),
    });
  });

  it("malformed_manifest: the manifest row is not as the export wrote it", async () => {
    const text = csv();
    const padded = text.replace(/,\r\n$/, ",x\r\n");
    expect((await verifyExportFile(files.write("padded.csv", padded))).firstBad).toEqual({
      row: 13,
      position: null,
      reason: "malformed_manifest: the manifest row is not as the export wrote it",
    });
    const spaced = text.replace('#manifest,"{""trailbook""', '#manifest,"{ ""trailbook""');
    expect(reason(await verifyExportFile(files.write("spaced-manifest.csv", spaced)))).toMatch(/^malformed_manifest/);
  });
});
