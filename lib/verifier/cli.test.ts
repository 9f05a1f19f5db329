import { generateKeyPairSync } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../cli/parse-command-line";
import { runVerifier } from "./cli";
import {
  chainEvents,
  consistencyFor,
  manifestFor,
  receiptFor,
  renderExport,
  scratch,
  signHead,
  testKey,
} from "./export-fixture";
import { trustedKeysFrom } from "./public-keys";

const files = scratch("verifier-cli");
afterAll(files.remove);
const key = testKey();
const retired = testKey();
const log = chainEvents(9);
const older = signHead(retired, log, { size: 4 });
const head = signHead(key, log, { seq: "2", prevHeadHash: older.headHash });
const manifest = manifestFor(key, log, head, { format: "csv", contiguous: true });
const exported = files.write("export.csv", renderExport("csv", log, manifest));
const pem = files.write("key.pem", key.publicKeyPem);
const keyring = files.write("keyring.json", {
  keys: [
    { keyId: retired.keyId, publicKey: retired.publicKeyPem, current: false },
    { keyId: key.keyId, publicKey: key.publicKeyPem, current: true },
  ],
});

/** Runs the verifier in this process: its exit code and the lines it printed. */
async function run(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runVerifier(argv, "verify", (line) => lines.push(line));
  return { code, lines };
}

const usageError = async (argv: string[]) => {
  const error = await runVerifier(argv, "verify", () => {}).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
};

describe("export", () => {
  it("verifies an export, as `export FILE` or just `FILE`", async () => {
    const expected = {
      code: 0,
      lines: [
        "OK: 9 rows verified (csv), positions 1..9.",
        `Signed: the manifest by key ${key.keyId}, tree head 2 (size 9) by key ${key.keyId}.`,
      ],
    };
    expect(await run("export", exported, "--public-key", pem)).toEqual(expected);
    expect(await run(exported, "--public-key", keyring)).toEqual(expected);
  });

  it("warns when no key is given", async () => {
    expect((await run(exported)).lines[1]).toMatch(/^WARNING: signatures not checked/);
  });

  it("prints one FAILED line naming the verdict and the row, and exits 1", async () => {
    const edited = files.write(
      "edited.csv",
      renderExport("csv", log, manifest).replace(",PaymentCaptured,", ",PaymentRefunded,"),
    );
    expect(await run(edited, "--public-key", pem)).toEqual({
      code: 1,
      lines: ["FAILED: hash_mismatch: the row was modified (data row 1, position 1)."],
    });
    const other = testKey();
    expect(await run(exported, "--public-key", files.write("other.pem", other.publicKeyPem))).toEqual({
      code: 1,
      lines: [`FAILED: unknown_key: the manifest is signed by key ${key.keyId}, which is not among the keys given.`],
    });
  });

  it("checks against a manifest kept apart, bare or as a JSONL export's last line", async () => {
    for (const kept of [manifest, { manifest }]) {
      expect((await run(exported, "--manifest", files.write("m.json", kept))).code).toBe(0);
    }
    const other = files.write("other.json", { ...manifest, count: 8 });
    expect((await run(exported, "--manifest", other)).lines).toEqual([
      "FAILED: manifest_mismatch: the file's manifest differs from the one given.",
    ]);
  });
});

describe("receipt", () => {
  const receipt = files.write("receipt.json", receiptFor(log, head, 5));

  it("verifies a receipt with the key or the keyring", async () => {
    const expected = {
      code: 0,
      lines: [
        `OK: event ${log[4]!.id} (position 5) is in the log.`,
        `Tree head 2 (size 9) signed by key ${key.keyId}.`,
      ],
    };
    expect(await run("receipt", receipt, "--public-key", pem)).toEqual(expected);
    expect(await run("receipt", receipt, "--public-key", keyring)).toEqual(expected);
  });

  it("fails a receipt by a key not given, a changed one, and one that is not a receipt", async () => {
    const byRetired = files.write("old-receipt.json", receiptFor(log, older, 2));
    expect(await run("receipt", byRetired, "--public-key", pem)).toEqual({
      code: 1,
      lines: ["FAILED: unknown_key."],
    });
    expect((await run("receipt", byRetired, "--public-key", pem, "--public-key", keyring)).code).toBe(0);
    const changed = { ...receiptFor(log, head, 5), treeHead: { ...head, timestamp: "2020-01-01T00:00:00.000Z" } };
    expect((await run("receipt", files.write("r.json", changed), "--public-key", pem)).lines).toEqual([
      "FAILED: bad_signature.",
    ]);
    const notOne = files.write("not.json", { trailbook: "export" });
    expect((await run("receipt", notOne, "--public-key", pem)).lines).toEqual([
      `FAILED: malformed: ${notOne} is not a Trailbook receipt.`,
    ]);
  });

  it("needs a key", async () => {
    expect(await usageError(["receipt", receipt])).toBe("--public-key is required");
  });
});

describe("consistency", () => {
  const oldFile = files.write("old.json", older);
  const newFile = files.write("new.json", { treeHead: head }); // as POST /api/checkpoints answers
  const proof = files.write("proof.json", consistencyFor(log, 4, 9));

  it("verifies that the log only grew between two heads", async () => {
    const args = ["--old", oldFile, "--new", newFile, "--proof", proof, "--public-key", keyring];
    expect(await run("consistency", ...args)).toEqual({
      code: 0,
      lines: [
        "OK: tree head 2 (size 9) extends tree head 1 (size 4).",
        `Signed by key ${retired.keyId} and key ${key.keyId}.`,
      ],
    });
  });

  it("names a head by a key not given, swapped heads and a proof that is not one", async () => {
    expect(
      (await run("consistency", "--old", oldFile, "--new", newFile, "--proof", proof, "--public-key", pem)).lines,
    ).toEqual([
      `FAILED: unknown_key: the old tree head (seq 1) is signed by key ${retired.keyId}, ` +
        "which is not among the keys given.",
    ]);
    const swapped = ["--old", newFile, "--new", oldFile, "--proof", proof, "--public-key", keyring];
    expect((await run("consistency", ...swapped)).lines[0]).toMatch(/^FAILED: size_mismatch: /);
    const bad = files.write("bad-proof.json", { first: "4", second: "9", proof: ["zz"] });
    expect(
      (await run("consistency", "--old", oldFile, "--new", newFile, "--proof", bad, "--public-key", pem)).lines,
    ).toEqual([`FAILED: malformed: ${bad} is not a consistency proof.`]);
  });

  it("refuses a file that is not a head, and a command line without the three files", async () => {
    const notHead = files.write("not-head.json", { treeHeads: [older, head] });
    const args = ["--old", notHead, "--new", newFile, "--proof", proof, "--public-key", pem];
    await expect(run("consistency", ...args)).rejects.toThrow(`${notHead} is not a signed tree head`);
    expect(await usageError(["consistency", "--old", oldFile, "--public-key", pem])).toBe(
      "consistency needs --old, --new and --proof",
    );
  });
});

describe("the command line", () => {
  it("answers --help with the usage of every command", async () => {
    const error = await runVerifier(["receipt", "--help"], "verify", () => {}).catch((e: UsageError) => e);
    expect(error).toMatchObject({ help: true, usage: expect.stringContaining("verify consistency --old HEAD.json") });
  });

  it("names what is wrong with it", async () => {
    expect(await usageError([])).toBe("missing FILE");
    expect(await usageError(["export"])).toBe("missing FILE");
    expect(await usageError([exported, exported])).toBe(`unexpected argument ${JSON.stringify(exported)}`);
    expect(await usageError([exported, "--bogus"])).toBe("Unknown option '--bogus'");
    expect(await usageError(["no-such.csv"])).toBe("No such file: no-such.csv");
    expect(await usageError(["receipt", exported, "--manifest", "m.json"])).toBe("Unknown option '--manifest'");
  });
});

describe("public keys", () => {
  it("reads PEM files and keyrings, by key id computed from each key", () => {
    const keys = trustedKeysFrom([
      { name: "a.pem", text: key.publicKeyPem },
      { name: "k.json", text: JSON.stringify({ keys: [{ publicKey: retired.publicKeyPem }] }) },
    ]);
    expect([...keys]).toEqual([
      [key.keyId, key.publicKeyPem],
      [retired.keyId, retired.publicKeyPem],
    ]);
  });

  it("refuses a keyring entry whose key id is not its key's, a private key, another kind of key, junk", () => {
    const wrongId = JSON.stringify({ keys: [{ keyId: retired.keyId, publicKey: key.publicKeyPem }] });
    expect(() => trustedKeysFrom([{ name: "k.json", text: wrongId }])).toThrow(
      `k.json, keys[0] says key id ${retired.keyId}, but its public key's id is ${key.keyId}`,
    );
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => trustedKeysFrom([{ name: "p.pem", text: privatePem }])).toThrow("p.pem is a private key");
    const ecPem = publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(() => trustedKeysFrom([{ name: "ec.pem", text: ecPem }])).toThrow("ec.pem is a ec key, not the log's");
    expect(() => trustedKeysFrom([{ name: "x.pem", text: "hello" }])).toThrow("x.pem is not a public key (PEM)");
    expect(() => trustedKeysFrom([{ name: "x.json", text: "{oops" }])).toThrow("x.json is not JSON");
    expect(() => trustedKeysFrom([{ name: "e.json", text: '{"keys":[]}' }])).toThrow("e.json is not a keyring");
    expect(() => trustedKeysFrom([{ name: "n.json", text: '{"keys":[{}]}' }])).toThrow("n.json, keys[0] has no");
  });
});
