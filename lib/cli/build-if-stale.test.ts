import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BUILD_ID, BUILD_SOURCES, buildState } from "./build-if-stale";

const OLD = 1_000; // seconds since the epoch: sources written before the build
const BUILT = 2_000;
const NEW = 3_000;

let root = "";
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Sets the mtime of `relative` under root. */
const touch = (relative: string, mtime: number) => fs.utimesSync(path.join(root, relative), mtime, mtime);

/**
 * Writes `relative` under root with the given mtime, and sets the directories it created or changed
 * back to OLD: a directory's own mtime changes when an entry is added or removed, and counts too.
 */
function file(relative: string, mtime: number): void {
  fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  fs.writeFileSync(path.join(root, relative), "");
  touch(relative, mtime);
  for (let dir = path.dirname(relative); dir !== "."; dir = path.dirname(dir)) touch(dir, OLD);
}

/** A project in a temp directory with every source (a directory as one file in it) older than its build. */
function project(): void {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-build-"));
  for (const source of BUILD_SOURCES) file(path.extname(source) ? source : path.join(source, "a.ts"), OLD);
  file(BUILD_ID, BUILT);
}

describe("buildState", () => {
  it("is missing without .next/BUILD_ID", () => {
    project();
    fs.rmSync(path.join(root, BUILD_ID));
    expect(buildState(root)).toBe("missing");
  });

  it("is fresh when every source is older than the build, or as old", () => {
    project();
    expect(buildState(root)).toBe("fresh");
    touch("package.json", BUILT);
    expect(buildState(root)).toBe("fresh");
  });

  it("covers proxy.ts and tsconfig.json, and every listed source exists in this project", () => {
    expect(BUILD_SOURCES).toEqual(expect.arrayContaining(["proxy.ts", "tsconfig.json"]));
    // A renamed source (middleware.ts became proxy.ts in Next 16) would silently stop counting.
    for (const source of BUILD_SOURCES)
      expect(fs.existsSync(path.join(import.meta.dirname, "../..", source))).toBe(true);
  });

  it.each(BUILD_SOURCES.map((source) => (path.extname(source) ? source : `${source}/a.ts`)))(
    "is stale when %s is newer than the build",
    (source) => {
      project();
      touch(source, NEW);
      expect(buildState(root)).toBe("stale");
    },
  );

  it("looks into nested directories", () => {
    project();
    file("components/events/deep/table.tsx", NEW);
    expect(buildState(root)).toBe("stale");
  });

  it("is stale when a source file was deleted (its directory changed)", () => {
    project();
    file("app/b.ts", OLD);
    fs.rmSync(path.join(root, "app/b.ts"));
    expect(buildState(root)).toBe("stale");
  });

  it("ignores the generated Prisma client, which every npm install rewrites", () => {
    project();
    file("lib/db/generated/client.ts", NEW);
    touch("lib/db/generated", NEW);
    expect(buildState(root)).toBe("fresh");
  });

  it("ignores sources that do not exist", () => {
    project();
    fs.rmSync(path.join(root, "proxy.ts"));
    expect(buildState(root)).toBe("fresh");
  });
});
