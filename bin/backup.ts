// `npm run backup -- [--out FILE]`: a consistent backup of the configured database (see lib/backup).
import path from "node:path";
import { backupDatabase } from "../lib/backup/backup-database";
import { targetFromEnv } from "../lib/db/get-database";
import { readOptions } from "./args";

const target = targetFromEnv();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const options = readOptions("npm run backup -- [--out FILE]", {
  out: { type: "string", default: `trailbook-${stamp}.${target.kind === "postgres" ? "dump" : "tar.gz"}` },
});
try {
  await backupDatabase(target, options.out!);
  console.log(`Backup written to ${path.resolve(options.out!)}. The signing key is not in it: back it up separately.`);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
