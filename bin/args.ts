import { parseArgs } from "node:util";

/** Parses `--name value` options, exiting with usage on anything unknown. */
export function readOptions<const T extends Record<string, { type: "string" | "boolean"; default?: string | boolean }>>(
  usage: string,
  options: T,
) {
  try {
    return parseArgs({ options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: ${usage}`);
    process.exit(2);
  }
}
