import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Everything `next build` reads, relative to the project root: a change to any of these makes the
 * production build stale. Directories count with all they contain. tsconfig.json is here because
 * the build type-checks and resolves `@/` paths with it; proxy.ts because it is compiled into the
 * build like a route. Test files count too: the build's type check covers them.
 */
export const BUILD_SOURCES = [
  "app",
  "components",
  "lib",
  "prisma",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "next.config.ts",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
] as const;

/**
 * Paths under BUILD_SOURCES that do not count: the Prisma client is generated from prisma/ (which
 * counts) at every `npm install`, so its fresh mtimes alone would force a rebuild after each install.
 */
export const NOT_SOURCES: readonly string[] = [path.join("lib", "db", "generated")];

/** The file whose mtime is the build's: Next writes it last, so it exists only for a finished build. */
export const BUILD_ID = path.join(".next", "BUILD_ID");

function newestMtime(root: string, relative: string): number {
  if (NOT_SOURCES.includes(relative)) return 0;
  const stat = fs.statSync(path.join(root, relative), { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(path.join(root, relative))
    .reduce((newest, name) => Math.max(newest, newestMtime(root, path.join(relative, name))), stat.mtimeMs);
}

/** Whether the project in `root` needs `next build`: no build yet, a source newer than it, or neither. */
export type BuildState = "missing" | "stale" | "fresh";

/**
 * Compares the newest mtime among `sources` with the build's (`.next/BUILD_ID`). Reads the file
 * system only; the decision is testable with files whose mtimes a test sets.
 */
export function buildState(root: string, sources: readonly string[] = BUILD_SOURCES): BuildState {
  const built = fs.statSync(path.join(root, BUILD_ID), { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return "missing";
  return Math.max(0, ...sources.map((source) => newestMtime(root, source))) > built ? "stale" : "fresh";
}

/**
 * Runs `next build` in `root` when the build is missing or stale (printing which), and throws when
 * the build fails; its own output has already explained why.
 */
export function buildIfStale(root: string): void {
  const state = buildState(root);
  if (state === "fresh") return;
  console.log(
    state === "stale" ? "Sources changed since the last build; rebuilding." : "No production build yet; building once.",
  );
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(`next build failed (exit code ${result.status ?? result.signal}); see its output above`);
  }
}
