// `npm run seed -- [--events N] [--seed S]`: deterministic demo events (lib/seed), with a progress bar.
import { parseCommandLine } from "../lib/cli/parse-command-line";
import { runCommand } from "../lib/cli/run-command";
import { getDatabase } from "../lib/db/get-database";
import { prepareSigning } from "../lib/integrity/prepare-signing";
import { seedDemoEvents } from "../lib/seed/seed-demo-events";
import { progressBar } from "./progress";

await runCommand(async () => {
  const args = parseCommandLine("npm run seed -- [--events 5000] [--seed 42]", {
    options: { events: { type: "string", default: "5000" }, seed: { type: "string", default: "42" } },
  });
  const events = Number(args.values.events);
  const seed = Number(args.values.seed);
  if (!Number.isSafeInteger(events) || events < 1) args.fail("--events must be a positive integer");
  if (!Number.isSafeInteger(seed)) args.fail("--seed must be an integer");
  const db = await getDatabase();
  try {
    const signer = await prepareSigning(db);
    const { written } = await seedDemoEvents(db, { events, seed, signer, onProgress: progressBar("seeding") });
    console.log(`Seeded ${written} demo events (seed ${seed}) into ${db.kind}.`);
  } finally {
    await db.close();
  }
});
