#!/usr/bin/env node
// `npx trailbook <command>`: the commands that need no server. Runs the TypeScript entry through tsx.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const commands = { "verify-export": "verify-export.ts" };
const [command, ...args] = process.argv.slice(2);
if (!commands[command]) {
  console.error(`Usage: trailbook verify-export <file> [--public-key key.pem] [--manifest manifest.json]`);
  process.exit(2);
}
const tsx = createRequire(import.meta.url).resolve("tsx");
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", tsx, path.join(here, commands[command]), ...args],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
