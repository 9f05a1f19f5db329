// `npm run bench -- --subscriptions [--quick]`: subscription delivery figures only, on PostgreSQL
// (a fresh database, as the other suites), with the production server, a receiver in this process
// and a NATS server of its own (BENCH_NATS_PORT, default 4890; never the machine's shared one).
// Writes bench/results/<date>-subscriptions.json; RESULTS.md's Subscriptions section is written by
// hand from it, so this run never regenerates the other tables.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startNatsServer, stopProcess } from "../chaos/subscription-harness";
import { Prisma } from "../lib/db/generated/client";
import { freshPostgres } from "./bench-database";
import { round } from "./measure";
import { machine } from "./report";
import { startServer } from "./server";
import { subscriptionSuite } from "./suites/subscriptions";

const quick = process.argv.includes("--quick");
const port = Number(process.env.BENCH_PORT || 4390);
const natsPort = Number(process.env.BENCH_NATS_PORT || 4890);
const started = performance.now();
const log = (text: string) => console.error(`[bench ${round((performance.now() - started) / 1000)}s] ${text}`);
const token = `bench-${randomUUID()}`;

const natsDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-bench-nats-"));
const nats = await startNatsServer(natsPort, natsDir);
const { db, url, drop } = await freshPostgres();
let server: Awaited<ReturnType<typeof startServer>> | null = null;
try {
  const [{ version } = { version: "?" }] = await db.query<{ version: string }>(
    Prisma.sql`SELECT split_part(version(), ' on ', 1) AS version`,
  );
  log("starting the production server");
  server = await startServer(url, port, token, {
    TRAILBOOK_WEBHOOK_ALLOW_PRIVATE: "1",
    TRAILBOOK_NATS_URL: `127.0.0.1:${natsPort}`,
  });
  const figures = await subscriptionSuite({
    base: server.url,
    token,
    receiverPort: port - 1,
    natsUrl: `127.0.0.1:${natsPort}`,
    seconds: quick ? 10 : 30,
    singles: quick ? 1000 : 3000,
    bulk: quick ? 5000 : 20_000,
    log,
  });
  const date = new Date().toISOString();
  const file = path.join(import.meta.dirname, "results", `${date.slice(0, 10)}-subscriptions.json`);
  const seconds = round((performance.now() - started) / 1000);
  fs.writeFileSync(file, `${JSON.stringify({ date, quick, machine: machine(version), figures, seconds }, null, 2)}\n`);
  for (const f of figures) {
    const reference = f.reference ? ` vs ${f.reference.value} (${f.reference.name}), ratio ${f.ratio}` : "";
    console.log(`${f.name}: ${f.ours} ${f.unit}${reference}${f.notes ? `; ${f.notes}` : ""}`);
  }
  console.log(`Results: ${file}`);
} finally {
  await server?.stop();
  await drop();
  await stopProcess(nats, "SIGTERM");
  fs.rmSync(natsDir, { recursive: true, force: true });
}
