// `npm start`: build when the production build is missing or older than the sources, then serve it
// from this process with explicit HTTP timeouts (`next start` leaves a half-sent request open
// forever: chaos/back-pressure.test.ts). Migrations run inside the server (instrumentation.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";

const SOURCES = ["app", "components", "lib", "prisma", "instrumentation.ts", "next.config.ts", "package.json", "package-lock.json"];
const BUILD_ID = path.join(".next", "BUILD_ID");

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(target, { withFileTypes: true })
    .filter((entry) => entry.name !== "generated" && entry.name !== "node_modules")
    .reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry.name))), stat.mtimeMs);
}

const built = fs.existsSync(BUILD_ID) ? fs.statSync(BUILD_ID).mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newestMtime))) {
  console.log(built ? "Sources changed since the last build; rebuilding." : "No production build yet; building once.");
  const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Seconds from the environment, or the default. */
function seconds(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds`);
  return value * 1000;
}

(process.env as Record<string, string>).NODE_ENV ??= "production";
const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, port });
await app.prepare();
const handle = app.getRequestHandler();
const server = http.createServer(
  {
    // A client gets this long to send its headers, and its whole request (bodies are at most 1 MiB).
    headersTimeout: seconds("TRAILBOOK_HEADERS_TIMEOUT", 20),
    requestTimeout: seconds("TRAILBOOK_REQUEST_TIMEOUT", 60),
    // Idle keep-alive connections live longer than most clients' and proxies' pools (ALB: 60 s), so
    // the client side closes first; a server closing first races a client reusing the socket
    // (ECONNRESET, seen in e2e with Node's default 5 s).
    keepAliveTimeout: 65_000,
    // How often those two are checked (Node's default, 30 s, would let them overrun by that much).
    connectionsCheckingInterval: 2_000,
  },
  (request, response) => void handle(request, response),
);
// A connection on which nothing moves either way for this long is dropped: a client that stopped
// reading an export or a live stream (healthy live streams get a ping every 15 s).
server.setTimeout(seconds("TRAILBOOK_IDLE_TIMEOUT", 120), (socket) => socket.destroy());
server.listen(port, () => console.log(`Trailbook listening on http://localhost:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    process.exit(0); // releases the embedded database's lock (open-database.ts)
  });
}
