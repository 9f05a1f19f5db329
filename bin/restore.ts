// `npm run restore -- FILE`: restores a backup into the configured, empty database, then recomputes
// the hash chain so a damaged or tampered backup is noticed before anyone relies on it.

import { restoreDatabase } from "../lib/backup/restore-database";
import { parseCommandLine } from "../lib/cli/parse-command-line";
import { runCommand } from "../lib/cli/run-command";
import { getDatabase, targetFromEnv } from "../lib/db/get-database";
import { prepareSigning, SigningKeyMismatch } from "../lib/integrity/prepare-signing";
import { signTreeHead } from "../lib/integrity/sign-tree-head";
import { catchUpTree } from "../lib/store/catch-up-tree";
import { verifyChain } from "../lib/store/verify-chain";

const usage = "npm run restore -- FILE   (into TRAILBOOK_DATA_DIR, which must not exist yet, or an empty DATABASE_URL)";

await runCommand(async () => {
  const { positionals } = parseCommandLine(usage, { positionals: ["FILE"] });
  await restoreDatabase(positionals.FILE, targetFromEnv());
  const db = await getDatabase(); // also applies migrations newer than the backup
  try {
    const { roots: _roots, ...chain } = await verifyChain(db);
    console.log(JSON.stringify(chain, null, 2));
    if (!chain.ok) throw new Error("the restored log does not verify");
    await catchUpTree(db);
    try {
      const head = await signTreeHead(db, await prepareSigning(db));
      console.log(`Restored; the log verifies, and tree head ${head?.seq ?? "-"} covers it.`);
    } catch (error) {
      if (!(error instanceof SigningKeyMismatch)) throw error;
      console.log(`Restored, and the log verifies. No tree head was signed: ${error.message}`);
    }
    console.log("Run `npm run verify` (with the signing key and keyring in place) to check the signed heads too.");
  } finally {
    await db.close();
  }
});
