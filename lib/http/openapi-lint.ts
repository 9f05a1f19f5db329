import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildOpenApi } from "./openapi";

/**
 * `npm run lint:openapi`: writes the OpenAPI document to a temp file and lints it with Redocly
 * (.redocly.yaml) and Spectral (.spectral.yaml). Offline: no update checks, no telemetry. Exits
 * non-zero when either reports an error or a warning.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-openapi-"));
const file = path.join(dir, "openapi.json");
fs.writeFileSync(file, JSON.stringify(buildOpenApi(), null, 2));
const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

const runs = [
  // --max-problems: list every one; warnings fail too (the config turns off what is not wanted, with reasons).
  [bin("redocly"), ["lint", file, "--config", ".redocly.yaml", "--max-problems", "1000"]],
  [bin("spectral"), ["lint", file, "--ruleset", ".spectral.yaml", "--fail-severity", "warn"]],
] as const;

let failed = false;
for (const [command, args] of runs) {
  const result = spawnSync(command, args, { env, encoding: "utf8" });
  // Redocly prints a framed notice about Node 20 on every run: not a finding.
  const output = `${result.stdout}${result.stderr}`.replace(/^\s*[╔║╚].*\n/gm, "").trim();
  // Redocly exits 0 on warnings ("You have 3 warnings."); Spectral fails on them (--fail-severity).
  const warned = /You have \d+ warnings?/.test(output);
  console.log(`${path.basename(command)}: ${output}\n`);
  if (result.status !== 0 || warned) failed = true;
}
fs.rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
