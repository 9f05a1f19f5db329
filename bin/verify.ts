// `npm run verify -- [--from P] [--to P]`: recomputes the hash chain and checks the signed tree
// heads and the witness; exit code 1 when anything is wrong. A witness that holds no heads, or
// lacks the newest, is no fault but a warning on stderr naming the witness file read.
import { parseCommandLine } from "../lib/cli/parse-command-line";
import { runCommand } from "../lib/cli/run-command";
import { getDatabase } from "../lib/db/get-database";
import { runVerification } from "../lib/integrity/run-verification";
import { witnessFile } from "../lib/integrity/witness";
import { readHead } from "../lib/store/read-head";
import { progressBar } from "./progress";

await runCommand(async () => {
  const { values } = parseCommandLine("npm run verify -- [--from POSITION] [--to POSITION]", {
    options: { from: { type: "string" }, to: { type: "string" } },
  });
  const db = await getDatabase();
  try {
    const head = await readHead(db);
    const first = Number(values.from ?? 1);
    const total = Math.max(0, Number(values.to ?? head?.position ?? 0) - first + 1);
    const bar = progressBar("verifying");
    const result = await runVerification(db, "cli", {
      from: values.from,
      to: values.to,
      onProgress: (n) => bar(n, total),
    });
    console.log(JSON.stringify(result, null, 2));
    const { status, warning } = result.witness;
    if (warning) console.error(`\nWARNING: witness ${status} (${witnessFile()}). ${warning}`);
    return result.ok ? 0 : 1;
  } finally {
    await db.close();
  }
});
