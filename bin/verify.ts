import { getDatabase } from "../lib/db/get-database";
import { getSigningKey } from "../lib/integrity/signing-key";
import { runVerification } from "../lib/integrity/run-verification";
import { readHead } from "../lib/store/read-head";
import { readOptions } from "./args";
import { progressBar } from "./progress";

const options = readOptions("npm run verify -- [--from POSITION] [--to POSITION]", {
  from: { type: "string" },
  to: { type: "string" },
});

const db = await getDatabase();
try {
  const head = await readHead(db);
  const first = Number(options.from ?? 1);
  const total = Math.max(0, Number(options.to ?? head?.position ?? 0) - first + 1);
  const bar = progressBar("verifying");
  const result = await runVerification(db, getSigningKey().publicKeyPem, {
    from: options.from,
    to: options.to,
    onProgress: (n) => bar(n, total),
  });
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await db.close();
}
