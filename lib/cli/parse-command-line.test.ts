import { describe, expect, it } from "vitest";
import { parseCommandLine, parseSubcommand, UsageError } from "./parse-command-line";

const usage = "cmd [--out FILE] [--quick] NAME";
const spec = {
  options: { out: { type: "string" }, quick: { type: "boolean", default: false } },
  positionals: ["NAME"],
} as const;

/** The UsageError a parse throws (fails the test when it throws none). */
function usageError(parse: () => unknown): UsageError {
  try {
    parse();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("expected a UsageError");
}

describe("parseCommandLine", () => {
  it("returns options, defaults and named positionals", () => {
    const args = parseCommandLine(usage, spec, ["--out", "x.tar", "alice"]);
    expect(args.values).toEqual({ out: "x.tar", quick: false });
    expect(args.positionals).toEqual({ NAME: "alice" });
  });

  it.each([
    [["--bogus", "alice"], "Unknown option '--bogus'"],
    [["alice", "--out"], "Option '--out <value>' argument missing"],
    [[], "missing NAME"],
    [["alice", "bob"], 'unexpected argument "bob"'],
  ])("rejects %j as a usage error", (argv, message) => {
    const error = usageError(() => parseCommandLine(usage, spec, argv));
    expect(error).toMatchObject({ message, usage, help: false });
  });

  it("treats --help and -h as a request for the usage, but not after --", () => {
    expect(usageError(() => parseCommandLine(usage, spec, ["--help"])).help).toBe(true);
    expect(usageError(() => parseCommandLine(usage, spec, ["alice", "-h"])).help).toBe(true);
    expect(parseCommandLine(usage, spec, ["--", "-h"]).positionals).toEqual({ NAME: "-h" });
  });

  it("lets a command reject a parsed value as a usage error", () => {
    const args = parseCommandLine(usage, spec, ["alice"]);
    expect(usageError(() => args.fail("--out must end in .tar")).message).toBe("--out must end in .tar");
  });
});

describe("parseSubcommand", () => {
  const commands = {
    create: { options: { name: { type: "string" } } },
    list: {},
    revoke: { positionals: ["KEY_ID"] },
  } as const;

  it("parses the subcommand's own options and positionals", () => {
    expect(parseSubcommand("keys", commands, ["create", "--name", "n"])).toMatchObject({
      command: "create",
      values: { name: "n" },
    });
    expect(parseSubcommand("keys", commands, ["revoke", "k1"])).toMatchObject({
      command: "revoke",
      positionals: { KEY_ID: "k1" },
    });
  });

  it.each([
    [[], "missing command"],
    [["drop"], 'unknown command "drop"'],
    [["toString"], 'unknown command "toString"'],
    [["list", "--name", "n"], "Unknown option '--name'"],
    [["revoke"], "missing KEY_ID"],
  ])("rejects %j as a usage error", (argv, message) => {
    expect(usageError(() => parseSubcommand("keys", commands, argv)).message).toBe(message);
  });
});
