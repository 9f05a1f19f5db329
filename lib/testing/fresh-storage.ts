import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DatabaseKind } from "../db/database";
import { createPostgresDatabase } from "./test-database";

/**
 * Where a test server keeps its data: a fresh embedded data directory, or that and a fresh
 * PostgreSQL database (at TEST_DATABASE_URL). `env` goes to startServer; `dispose` removes both.
 */
export async function freshStorage(
  kind: DatabaseKind,
): Promise<{ env: Record<string, string>; dispose: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-server-"));
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (kind === "pglite") return { env: { DATABASE_URL: "", TRAILBOOK_DATA_DIR: dataDir }, dispose: removeDir };
  const database = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
  return {
    env: { DATABASE_URL: database.url, TRAILBOOK_DATA_DIR: dataDir },
    dispose: async () => {
      await database.drop();
      await removeDir();
    },
  };
}
