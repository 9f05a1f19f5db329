import fs from "node:fs";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "../cli/parse-command-line";
import type { ExportManifest } from "../export/export-manifest";
import { verifyExportFile } from "../export/verify-export-file";
import type { SignedTreeHead } from "../transparency/tree-head";
import { verifyReceipt } from "../transparency/verify-receipt";
import { trustedKeysFrom } from "./public-keys";
import { isConsistencyProof, isObject, isReceipt, isSignedTreeHead } from "./shapes";
import { verifyHeadConsistency } from "./verify-consistency";

/**
 * The offline verifier's command line, the same in a checkout (`npm run verify-export -- …`) and as
 * the single downloaded file (`node trailbook-verify.mjs …`): only node: modules and what is bundled.
 */

const KEY = { "public-key": { type: "string", multiple: true } } as const;
const COMMANDS = {
  export: { options: { ...KEY, manifest: { type: "string" } }, positionals: ["FILE"] },
  receipt: { options: KEY, positionals: ["FILE"] },
  consistency: {
    options: { ...KEY, old: { type: "string" }, new: { type: "string" }, proof: { type: "string" } },
    positionals: [],
  },
} as const;
type Command = keyof typeof COMMANDS;

export function verifierUsage(program: string): string {
  return [
    `${program} [export] FILE.csv|FILE.jsonl [--public-key KEY]... [--manifest manifest.json]`,
    `${program} receipt RECEIPT.json --public-key KEY [--public-key KEY]...`,
    `${program} consistency --old HEAD.json --new HEAD.json --proof PROOF.json --public-key KEY [--public-key KEY]...`,
    "KEY: a public key (PEM, GET /api/checkpoints/public-key) or the keyring (JSON, GET /api/checkpoints/public-keys)",
  ].join("\n");
}

interface Parsed {
  command: Command;
  file: string;
  values: { "public-key"?: string[]; manifest?: string; old?: string; new?: string; proof?: string };
}

/** `[command] [options] [FILE]`; without a known command the arguments are an `export`'s. */
function parseVerifierArgs(argv: readonly string[], usage: string): Parsed {
  const end = argv.indexOf("--");
  if ((end < 0 ? argv : argv.slice(0, end)).some((arg) => arg === "--help" || arg === "-h"))
    throw new UsageError("", usage, true);
  const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]);
  const command = (named ? argv[0] : "export") as Command;
  const spec = COMMANDS[command];
  let parsed: { values: Parsed["values"]; positionals: string[] };
  try {
    const args = named ? argv.slice(1) : [...argv];
    const options: ParseArgsConfig["options"] = spec.options;
    parsed = parseArgs({ args, options, allowPositionals: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError((error as Error).message.split(". ")[0] ?? "invalid arguments", usage);
  }
  const { positionals } = parsed;
  if (positionals.length < spec.positionals.length) throw new UsageError(`missing ${spec.positionals[0]}`, usage);
  if (positionals.length > spec.positionals.length)
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[spec.positionals.length])}`, usage);
  const file = positionals[0] ?? "";
  if (file && !fs.existsSync(file)) throw new UsageError(`No such file: ${file}`, usage);
  return { command, file, values: parsed.values };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
}

/** A manifest kept apart: the manifest itself, or a JSONL export's last line (`{ "manifest": … }`). */
function readManifest(file: string): ExportManifest {
  const value = readJson(file);
  const inner = isObject(value) && Object.keys(value).length === 1 ? value.manifest : undefined;
  return (isObject(inner) ? inner : value) as ExportManifest;
}

/** A head as `GET /api/checkpoints` lists them (one element of `treeHeads`), or `{ "treeHead": … }`. */
function readHead(file: string): SignedTreeHead {
  const value = readJson(file);
  if (isSignedTreeHead(value)) return value;
  if (isObject(value) && isSignedTreeHead(value.treeHead)) return value.treeHead;
  throw new Error(`${file} is not a signed tree head (one element of treeHeads from GET /api/checkpoints)`);
}

function keysFrom(files: readonly string[] | undefined, usage: string, required: boolean): Map<string, string> | null {
  if (!files?.length) {
    if (required) throw new UsageError("--public-key is required", usage);
    return null;
  }
  return trustedKeysFrom(files.map((name) => ({ name, text: fs.readFileSync(name, "utf8") })));
}

const failed = (print: (line: string) => void, reason: string): number => {
  print(`FAILED: ${reason}.`);
  return 1;
};

async function verifyExport(args: Parsed, usage: string, print: (line: string) => void): Promise<number> {
  const publicKeys = keysFrom(args.values["public-key"], usage, false) ?? undefined;
  const manifestFile = args.values.manifest;
  const manifest = manifestFile === undefined ? undefined : readManifest(manifestFile);
  const verdict = await verifyExportFile(args.file, { publicKeys, manifest });
  if (!verdict.ok) {
    const bad = verdict.firstBad!;
    return failed(print, `${bad.reason}${bad.row ? ` (data row ${bad.row}, position ${bad.position})` : ""}`);
  }
  const signed = verdict.manifest!;
  const range = `${signed.firstPosition ?? "-"}..${signed.lastPosition ?? "-"}`;
  print(`OK: ${verdict.rows} rows verified (${verdict.format}), positions ${range}.`);
  const head = signed.treeHead;
  const headText = head ? `tree head ${head.seq} (size ${head.treeSize}) by key ${head.keyId}` : "no tree head";
  print(
    verdict.signatureChecked
      ? `Signed: the manifest by key ${signed.keyId}, ${headText}.`
      : "WARNING: signatures not checked. " +
          "Pass --public-key (GET /api/checkpoints/public-key) to prove the file came from Trailbook.",
  );
  return 0;
}

function verifyReceiptFile(args: Parsed, usage: string, print: (line: string) => void): number {
  const keys = keysFrom(args.values["public-key"], usage, true)!;
  const receipt = readJson(args.file);
  if (!isReceipt(receipt)) return failed(print, `malformed: ${args.file} is not a Trailbook receipt`);
  const verdict = verifyReceipt(receipt, keys);
  if (!verdict.ok) return failed(print, verdict.reason);
  const { event, treeHead } = receipt;
  print(`OK: event ${event.id} (position ${event.position}) is in the log.`);
  print(`Tree head ${treeHead.seq} (size ${treeHead.treeSize}) signed by key ${treeHead.keyId}.`);
  return 0;
}

function verifyConsistencyFiles(args: Parsed, usage: string, print: (line: string) => void): number {
  const { old: oldFile, new: newFile, proof: proofFile } = args.values;
  if (!oldFile || !newFile || !proofFile) throw new UsageError("consistency needs --old, --new and --proof", usage);
  const keys = keysFrom(args.values["public-key"], usage, true)!;
  const [older, newer] = [readHead(oldFile), readHead(newFile)];
  const proof = readJson(proofFile);
  if (!isConsistencyProof(proof)) return failed(print, `malformed: ${proofFile} is not a consistency proof`);
  const verdict = verifyHeadConsistency(older, newer, proof, keys);
  if (!verdict.ok) return failed(print, `${verdict.reason}: ${verdict.detail}`);
  print(`OK: tree head ${newer.seq} (size ${newer.treeSize}) extends tree head ${older.seq} (size ${older.treeSize}).`);
  print(`Signed by key ${older.keyId}${newer.keyId === older.keyId ? "" : ` and key ${newer.keyId}`}.`);
  return 0;
}

/**
 * Runs one verification and returns the exit code: 0 verified, 1 not (one `FAILED: code: …` line).
 * A command line that cannot run throws UsageError (runCommand prints the usage and exits 2).
 */
export async function runVerifier(
  argv: readonly string[],
  program: string,
  print: (line: string) => void = console.log,
): Promise<number> {
  const usage = verifierUsage(program);
  const args = parseVerifierArgs(argv, usage);
  if (args.command === "receipt") return verifyReceiptFile(args, usage, print);
  if (args.command === "consistency") return verifyConsistencyFiles(args, usage, print);
  return verifyExport(args, usage, print);
}
