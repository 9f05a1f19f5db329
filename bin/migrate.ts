// `npm run db:migrate`: applies pending migrations without starting the server (which also applies them).
import { parseCommandLine } from "../lib/cli/parse-command-line";
import { runCommand } from "../lib/cli/run-command";
import { targetFromEnv } from "../lib/db/get-database";
import { migrate } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open-database";

await runCommand(async () => {
  parseCommandLine("npm run db:migrate");
  const db = await openDatabase(targetFromEnv());
  try {
    const applied = await migrate(db);
    console.log(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date.");
  } finally {
    await db.close();
  }
});
