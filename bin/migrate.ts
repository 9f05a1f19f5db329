import { migrate } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open-database";
import { targetFromEnv } from "../lib/db/get-database";

const db = await openDatabase(targetFromEnv());
try {
  const applied = await migrate(db);
  console.log(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date.");
} finally {
  await db.close();
}
