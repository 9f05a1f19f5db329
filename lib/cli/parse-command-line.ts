import { parseArgs } from "node:util";

/** One `--name` option: a string (`--out FILE`) or a flag (`--quick`). */
export interface OptionSpec {
  type: "string" | "boolean";
  default?: string | boolean;
  short?: string;
}

/** What one command (or one subcommand) accepts. */
export interface CommandSpec<
  O extends Record<string, OptionSpec> = Record<string, OptionSpec>,
  P extends string = string,
> {
  options?: O;
  /** Names of the required positional arguments, in order; any other positional is an error. */
  positionals?: readonly P[];
}

type Value<S extends OptionSpec> = S["type"] extends "boolean" ? boolean : string;
/** An option with a default always has a value; any other may be missing. */
type Values<O> = {
  [K in keyof O]: O[K] extends { default: unknown } ? Value<O[K] & OptionSpec> : Value<O[K] & OptionSpec> | undefined;
};

/** A parsed command line. `fail` rejects it after parsing (a value out of range) as a usage error. */
export interface ParsedCommand<O, P extends string> {
  values: Values<O>;
  positionals: Record<P, string>;
  fail(message: string): never;
}

/**
 * A command line that cannot be run as typed (or `--help`). runCommand prints the message and the
 * usage, and exits 2, the conventional code for misuse, so scripts can tell it from a failure (1).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
    /** `--help` was asked for: print the usage on stdout and exit 0. */
    readonly help = false,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

function parseWith<O extends Record<string, OptionSpec>, P extends string>(
  usage: string,
  spec: CommandSpec<O, P>,
  argv: readonly string[],
): ParsedCommand<O, P> {
  const fail = (message: string): never => {
    throw new UsageError(message, usage);
  };
  if (wantsHelp(argv)) throw new UsageError("", usage, true);
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: spec.options ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's first sentence names the option (`Unknown option '--bogus'`, `Option '--out <value>'
    // argument missing`); the rest of its advice on `--` would only confuse here.
    return fail((error as Error).message.split(". ")[0] ?? "invalid arguments");
  }
  const names = spec.positionals ?? [];
  const missing = names.slice(parsed.positionals.length);
  if (missing.length) fail(`missing ${missing.join(" ")}`);
  const extra = parsed.positionals.slice(names.length);
  if (extra.length) fail(`unexpected argument ${JSON.stringify(extra[0])}`);
  const positionals = Object.fromEntries(names.map((name, i) => [name, parsed.positionals[i]])) as Record<P, string>;
  return { values: parsed.values as Values<O>, positionals, fail };
}

/**
 * Parses a command's arguments (node:util parseArgs, strict): known options only, exactly the
 * named positionals. Throws UsageError, which runCommand turns into the usage and exit code 2.
 */
export function parseCommandLine<
  const O extends Record<string, OptionSpec> = Record<never, OptionSpec>,
  const P extends string = never,
>(usage: string, spec: CommandSpec<O, P> = {}, argv: readonly string[] = process.argv.slice(2)): ParsedCommand<O, P> {
  return parseWith(usage, spec, argv);
}

type Subcommands = Record<string, CommandSpec>;
type ParsedSubcommand<S extends Subcommands> = {
  [K in keyof S & string]: { command: K } & (S[K] extends CommandSpec<infer O, infer P> ? ParsedCommand<O, P> : never);
}[keyof S & string];

/**
 * Parses `<subcommand> [options] [positionals]`, each subcommand with its own spec (`keys create
 * --name N`, `keys revoke KEY_ID`). The result is narrowed by its `command` field.
 */
export function parseSubcommand<const S extends Subcommands>(
  usage: string,
  subcommands: S,
  argv: readonly string[] = process.argv.slice(2),
): ParsedSubcommand<S> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h") throw new UsageError("", usage, true);
  if (command === undefined) throw new UsageError("missing command", usage);
  const spec = Object.hasOwn(subcommands, command) ? subcommands[command] : undefined;
  if (!spec) throw new UsageError(`unknown command ${JSON.stringify(command)}`, usage);
  return { command, ...parseWith(usage, spec, rest) } as ParsedSubcommand<S>;
}
