import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Duplex, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import tar from "tar-stream";
import { lockDataDir } from "../db/data-dir-lock";
import type { DatabaseTarget } from "../db/open-database";

/**
 * Writes a consistent backup of the database to `file`.
 * - Embedded: PGlite's own archive of the data directory (gzipped tar), taken with the directory
 *   locked, so no server can write while it is copied. The server must be stopped first.
 * - PostgreSQL: `pg_dump --format=custom`, a consistent snapshot taken while the server runs.
 * The signing key is not part of either: back it up separately (README "For auditors").
 */
export async function backupDatabase(target: DatabaseTarget, file: string): Promise<void> {
  if (target.kind === "postgres")
    return run("pg_dump", ["--format=custom", "--no-owner", "--file", file, "--dbname", target.url]);
  if (!target.dataDir || !fs.existsSync(target.dataDir)) throw new Error(`No embedded database at ${target.dataDir}`);
  const unlock = lockDataDir(target.dataDir);
  try {
    const pglite = await PGlite.create(target.dataDir);
    try {
      const archive = await pglite.dumpDataDir("none");
      await pipeline(
        Readable.fromWeb(archive.stream() as never),
        withoutPrivateFiles(),
        createGzip(),
        fs.createWriteStream(file, { flags: "wx" }),
      );
    } finally {
      await pglite.close();
    }
  } finally {
    unlock();
  }
}

/** Files in the data directory that are not the database: the signing key and our lock file. */
const PRIVATE_FILES = new Set(["signing-key.pem", "trailbook.lock"]);

/** A tar-to-tar transform that drops PRIVATE_FILES: the key must not travel with the data. */
function withoutPrivateFiles() {
  const extract = tar.extract();
  const pack = tar.pack();
  extract.on("entry", (header, stream, next) => {
    if (PRIVATE_FILES.has(path.posix.basename(header.name))) {
      stream.on("end", next).resume();
      return;
    }
    stream.pipe(pack.entry(header, next));
  });
  extract.on("finish", () => pack.finalize());
  extract.on("error", (error) => pack.destroy(error));
  return Duplex.from({ writable: extract, readable: pack }); // tar in, filtered tar out
}

/** Runs a PostgreSQL client tool, failing with its own message. */
export function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => reject(new Error(`${command} is needed (PostgreSQL client tools): ${error.message}`)));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed: ${stderr.trim()}`))));
  });
}
