// `npm run verify-export -- <file> [--public-key key.pem] [--manifest manifest.json]`
// Checks an export without any database. Exit code 0 when it verifies, 1 when it does not.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { verifyExportFile } from "../lib/export/verify-export-file";

const usage = "verify-export <file.csv|file.jsonl> [--public-key key.pem] [--manifest manifest.json]";
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { "public-key": { type: "string" }, manifest: { type: "string" } } });
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: ${usage}`);
  process.exit(2);
}
const [file] = parsed.positionals;
if (!file || !fs.existsSync(file)) {
  console.error(`No such export file: ${file ?? "(none given)"}\nUsage: ${usage}`);
  process.exit(2);
}
const publicKeyPem = parsed.values["public-key"] ? fs.readFileSync(parsed.values["public-key"], "utf8") : undefined;
const manifest = parsed.values.manifest ? JSON.parse(fs.readFileSync(parsed.values.manifest, "utf8")) : undefined;
const verdict = await verifyExportFile(file, { publicKeyPem, manifest });
if (verdict.ok) {
  console.log(`OK: ${verdict.rows} rows verified (${verdict.format}), positions ${verdict.manifest?.firstPosition ?? "-"}..${verdict.manifest?.lastPosition ?? "-"}.`);
  console.log(
    verdict.signatureChecked
      ? `Manifest and checkpoint (position ${verdict.manifest?.checkpoint?.position ?? "-"}) are signed by key ${verdict.manifest?.keyId}.`
      : "WARNING: signatures not checked. Pass --public-key (GET /api/checkpoints/public-key) to prove the file came from Trailbook.",
  );
} else {
  const bad = verdict.firstBad!;
  console.log(`FAILED: ${bad.reason}${bad.row ? ` (data row ${bad.row}, position ${bad.position})` : ""}.`);
}
process.exitCode = verdict.ok ? 0 : 1;
