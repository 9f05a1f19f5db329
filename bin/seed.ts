import { getDatabase } from "../lib/db/get-database";
import { seedDemoEvents } from "../lib/seed/seed-demo-events";
import { readOptions } from "./args";
import { progressBar } from "./progress";

const usage = "npm run seed -- [--events 5000] [--seed 42]";
const options = readOptions(usage, { events: { type: "string", default: "5000" }, seed: { type: "string", default: "42" } });
const events = Number(options.events);
const seed = Number(options.seed);
if (!Number.isSafeInteger(events) || events < 1 || !Number.isSafeInteger(seed)) {
  console.error(`--events must be a positive integer and --seed an integer.\nUsage: ${usage}`);
  process.exit(2);
}

const db = await getDatabase();
try {
  const { written } = await seedDemoEvents(db, { events, seed, onProgress: progressBar("seeding") });
  console.log(`Seeded ${written} demo events (seed ${seed}) into ${db.kind}.`);
} finally {
  await db.close();
}
