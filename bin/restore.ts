// `npm run restore -- FILE`: restores a backup into the configured, empty database, then recomputes
// the hash chain so a damaged or tampered backup is noticed before anyone relies on it.

import { restoreDatabase } from "../lib/backup/restore-database";
import { parseCommandLine } from "../lib/cli/parse-command-line";
import { runCommand } from "../lib/cli/run-command";
import { getDatabase, targetFromEnv } from "../lib/db/get-database";
import { verifyChain } from "../lib/store/verify-chain";

const usage = "npm run restore -- FILE   (into TRAILBOOK_DATA_DIR, which must not exist yet, or an empty DATABASE_URL)";

await runCommand(async () => {
  const { positionals } = parseCommandLine(usage, { positionals: ["FILE"] });
  await restoreDatabase(positionals.FILE, targetFromEnv());
  const db = await getDatabase(); // also applies migrations newer than the backup
  try {
    const chain = await verifyChain(db);
    console.log(JSON.stringify(chain, null, 2));
    if (!chain.ok) throw new Error("the restored hash chain does not verify");
    console.log(
      "Restored, and the hash chain verifies. " +
        "Run `npm run verify` with the signing key to check the signed checkpoints too.",
    );
  } finally {
    await db.close();
  }
});
