import { createHash } from "node:crypto";
import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ExportRow } from "../export/export-format";
import type { ExportManifest } from "../export/export-manifest";
import { readExportRecords, sniffFormat } from "../export/read-export-records";
import { verifyExportFile } from "../export/verify-export-file";
import { loadSigningKey } from "../integrity/signing-key";
import { describeApi } from "../testing/api-fixture";
import type { SignedTreeHead } from "../transparency/tree-head";
import { runVerifier } from "./cli";
import { renderExport, scratch, signManifest } from "./export-fixture";

// The verifier on exports, receipts and proofs the server made (GET /api/export, …), altered the
// way an auditor's tools or a forger would alter them.

const files = scratch("real-export");
afterAll(files.remove);

/** RFC 4180 with every field quoted and LF line ends, as LibreOffice saves a CSV. */
const quotedCsv = (records: string[][], eol = "\n") =>
  records.map((cells) => cells.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(",") + eol).join("");

async function recordsOf(file: string, format: "csv" | "jsonl") {
  const rows: ExportRow[] = [];
  let manifest: ExportManifest | null = null;
  for await (const record of readExportRecords(file, format)) {
    if ("manifest" in record) manifest = record.manifest;
    else rows.push(record.row);
  }
  return { rows, manifest: manifest! };
}

describeApi("the offline verifier on the server's own files", (api) => {
  let key = "";
  let publicKeyPem = "";
  let keyFile = "";
  const download = async (path: string, name: string) => {
    const response = await api.call("GET", path, { key });
    expect(response.status, path).toBe(200);
    const text = await response.text();
    return { text, file: files.write(name, text) };
  };
  const exported = (q: string, format: "csv" | "jsonl") =>
    download(`/api/export?${new URLSearchParams({ q, format })}`, `export.${format}`);

  beforeAll(async () => {
    key = await api.key(["admin"]);
    publicKeyPem = await (await api.call("GET", "/api/checkpoints/public-key", { key })).text();
    keyFile = files.write("key.pem", publicKeyPem);
    await api.client(key).record(
      Array.from({ length: 14 }, (_, i) => ({
        type: i % 3 === 0 ? "OrderPlaced" : "PaymentCaptured",
        actor: { id: ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "'=quoted", "plain"][i % 6]!, type: "user" },
        data: { i, formula: '=HYPERLINK("x")', text: 'a, "quoted"\r\nline' },
      })),
    );
  });

  it("the test fixture renders the server's exports byte for byte", async () => {
    for (const q of ["", "type:OrderPlaced"]) {
      for (const format of ["csv", "jsonl"] as const) {
        const { text, file } = await exported(q, format);
        const { rows, manifest } = await recordsOf(file, format);
        expect(rows.length, `${q} ${format}`).toBeGreaterThan(3);
        expect(renderExport(format, rows, manifest), `${q} ${format}`).toBe(text);
      }
    }
  });

  it("accepts a real export re-saved with every field quoted, with or without a BOM and CRLF", async () => {
    const { text } = await exported("", "csv");
    const records: string[][] = parse(text, { bom: true });
    expect(records.length).toBeGreaterThan(14);
    for (const [prefix, eol] of [
      ["", "\n"],
      ["\uFEFF", "\r\n"],
    ]) {
      const file = files.write("quoted.csv", `${prefix}${quotedCsv(records, eol)}`);
      expect(fs.readFileSync(file, "utf8")).toMatch(/^\uFEFF?"position","id","recorded_at",/);
      expect(sniffFormat(file)).toBe("csv");
      const verdict = await verifyExportFile(file, { publicKeyPem });
      expect(verdict.firstBad).toBeUndefined();
      expect(verdict).toMatchObject({ ok: true, format: "csv", rows: records.length - 2, signatureChecked: true });
    }
  });

  it("refuses a real export whose formula guards were removed (LibreOffice then makes live formulas)", async () => {
    const { text } = await exported("", "csv");
    const records: string[][] = parse(text, { bom: true });
    // The values are still the hashed ones: only the guards are gone, which verified before.
    const stripped = records.map((cells) => cells.map((cell) => cell.replace(/^'(?='*[=+\-@\t\r\n])/, "")));
    const first = stripped.findIndex((cells) => cells.some((cell) => /^[=+\-@\t\r\n]/.test(cell)));
    const column = stripped[first]!.findIndex((cell) => /^[=+\-@\t\r\n]/.test(cell));
    const file = files.write("stripped.csv", quotedCsv(stripped));
    expect((await verifyExportFile(file, { publicKeyPem })).firstBad).toEqual({
      row: first,
      position: stripped[first]![0],
      reason: `unguarded_formula: column ${records[0]![column]} starts with a formula character without its ' guard`,
    });
  });

  it("catches a count changed or rows removed under a manifest re-signed with the log's key", async () => {
    const { file } = await exported("", "jsonl");
    const { rows, manifest } = await recordsOf(file, "jsonl");
    const signer = loadSigningKey(); // the server's key (the test setup's TRAILBOOK_SIGNING_KEY)
    const resigned = (changes: Partial<ExportManifest>, kept = rows) => {
      const digest = createHash("sha256");
      for (const row of kept) digest.update(row.hash);
      const body = { ...manifest, rowsDigest: digest.digest("hex"), count: kept.length, ...changes };
      return files.write("resigned.jsonl", renderExport("jsonl", kept, signManifest(signer, body)));
    };
    const verify = async (path: string) => (await verifyExportFile(path, { publicKeyPem })).firstBad?.reason;
    expect(await verify(resigned({}))).toBeUndefined();
    expect(await verify(resigned({ count: rows.length + 1 }))).toMatch(/^count_mismatch/);
    const shorter = rows.slice(0, -1);
    expect(await verify(resigned({ lastPosition: shorter.at(-1)!.position }, shorter))).toMatch(/^root_mismatch/);
    // Without the key, any change to the manifest breaks its signature.
    const unsigned = renderExport("jsonl", rows, { ...manifest, query: "type:Nothing" });
    expect(await verify(files.write("unsigned.jsonl", unsigned))).toMatch(/^bad_signature/);
  });

  it("verifies the server's receipts and consistency proofs with the command-line verifier", async () => {
    const lines: string[] = [];
    const run = (...argv: string[]) => runVerifier(argv, "verify", (line) => lines.push(line));
    const keyring = (await download("/api/checkpoints/public-keys", "keyring.json")).file;
    const [event] = (await api.client(key).record([{ type: "Receipted" }])).events;
    const receipt = await download(`/api/events/${event!.id}/receipt`, "receipt.json");
    expect(await run("receipt", receipt.file, "--public-key", keyring)).toBe(0);
    const edited = receipt.text.replace('"type":"Receipted"', '"type":"Edited"');
    expect(await run("receipt", files.write("edited.json", edited), "--public-key", keyFile)).toBe(1);
    expect(lines.at(-1)).toBe("FAILED: hash_mismatch.");

    const sign = async () =>
      (await (await api.call("POST", "/api/checkpoints", { key })).json()).treeHead as SignedTreeHead;
    const older = await sign();
    await api.client(key).record([{ type: "Later" }, { type: "Later" }]);
    await sign();
    const { treeHeads } = JSON.parse((await download("/api/checkpoints", "heads.json")).text) as {
      treeHeads: SignedTreeHead[];
    };
    const newer = treeHeads[0]!;
    expect(treeHeads.map((head) => head.seq)).toContain(older.seq);
    const sizes = `first=${older.treeSize}&second=${newer.treeSize}`;
    const proof = (await download(`/api/proofs/consistency?${sizes}`, "proof.json")).file;
    const [oldFile, newFile] = [files.write("old.json", older), files.write("new.json", newer)];
    const args = ["--proof", proof, "--public-key", keyFile];
    expect(await run("consistency", "--old", oldFile, "--new", newFile, ...args)).toBe(0);
    expect(lines.at(-2)).toBe(
      `OK: tree head ${newer.seq} (size ${newer.treeSize}) extends tree head ${older.seq} (size ${older.treeSize}).`,
    );
    const forged = files.write("forged.json", { ...newer, rootHash: older.rootHash });
    expect(await run("consistency", "--old", oldFile, "--new", forged, ...args)).toBe(1);
    expect(lines.at(-1)).toMatch(/^FAILED: bad_signature: the new tree head/);
  });
});
