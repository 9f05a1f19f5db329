// `npm run backup -- [--out FILE]`: a consistent backup of the configured database (see lib/backup).
import path from "node:path";
import { backupDatabase } from "../lib/backup/backup-database";
import { parseCommandLine } from "../lib/cli/parse-command-line";
import { runCommand } from "../lib/cli/run-command";
import { targetFromEnv } from "../lib/db/get-database";

await runCommand(async () => {
  const { values } = parseCommandLine("npm run backup -- [--out FILE]", { options: { out: { type: "string" } } });
  const target = targetFromEnv();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const out = values.out ?? `trailbook-${stamp}.${target.kind === "postgres" ? "dump" : "tar.gz"}`;
  await backupDatabase(target, out);
  console.log(`Backup written to ${path.resolve(out)}. The signing key is not in it: back it up separately.`);
});
