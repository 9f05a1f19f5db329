// `npm run verify-export -- <file> [--public-key key.pem] [--manifest manifest.json]`
// Checks an export without any database. Exit code 0 when it verifies, 1 when it does not.
import fs from "node:fs";
import { parseCommandLine } from "../lib/cli/parse-command-line";
import { runCommand } from "../lib/cli/run-command";
import type { ExportManifest } from "../lib/export/export-manifest";
import { verifyExportFile } from "../lib/export/verify-export-file";

/** A manifest file's content (verifyExportFile checks its shape); a file that is not JSON is named in the error. */
function readManifest(file: string): ExportManifest {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as ExportManifest;
  } catch (error) {
    throw new Error(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
}

const usage = "verify-export <file.csv|file.jsonl> [--public-key key.pem] [--manifest manifest.json]";

await runCommand(async () => {
  const args = parseCommandLine(usage, {
    options: { "public-key": { type: "string" }, manifest: { type: "string" } },
    positionals: ["FILE"],
  });
  const file = args.positionals.FILE;
  if (!fs.existsSync(file)) args.fail(`No such export file: ${file}`);
  const publicKeyPath = args.values["public-key"];
  const publicKeyPem = publicKeyPath ? fs.readFileSync(publicKeyPath, "utf8") : undefined;
  const manifest = args.values.manifest ? readManifest(args.values.manifest) : undefined;
  const verdict = await verifyExportFile(file, { publicKeyPem, manifest });
  if (verdict.ok) {
    const { manifest: signed } = verdict;
    const range = `${signed?.firstPosition ?? "-"}..${signed?.lastPosition ?? "-"}`;
    console.log(`OK: ${verdict.rows} rows verified (${verdict.format}), positions ${range}.`);
    const head = signed?.treeHead
      ? `tree head ${signed.treeHead.seq} (size ${signed.treeHead.treeSize})`
      : "no tree head";
    console.log(
      verdict.signatureChecked
        ? `Manifest and ${head} are signed by key ${signed?.keyId}.`
        : "WARNING: signatures not checked. " +
            "Pass --public-key (GET /api/checkpoints/public-key) to prove the file came from Trailbook.",
    );
  } else {
    const bad = verdict.firstBad!;
    console.log(`FAILED: ${bad.reason}${bad.row ? ` (data row ${bad.row}, position ${bad.position})` : ""}.`);
  }
  return verdict.ok ? 0 : 1;
});
