// `npm start`: build when the production build is missing or older than the sources, then serve.
// Migrations run inside the server at start-up (instrumentation.ts), so there is nothing else to do.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

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

function run(args: string[]): void {
  const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), ...args], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const built = fs.existsSync(BUILD_ID) ? fs.statSync(BUILD_ID).mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newestMtime))) {
  console.log(built ? "Sources changed since the last build; rebuilding." : "No production build yet; building once.");
  run(["build"]);
}
run(["start", ...process.argv.slice(2)]);
