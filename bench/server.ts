import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer as startProcess } from "../lib/testing/server-process";

/** The production server (`npm start`: builds when needed) on a bench database, for HTTP figures. */
export async function startServer(
  databaseUrl: string,
  port: number,
  adminToken: string,
  env: Record<string, string> = {},
): Promise<{ url: string; stop: () => Promise<void>; rssMb: () => number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-bench-"));
  const server = await startProcess({
    port,
    env: {
      DATABASE_URL: databaseUrl,
      TRAILBOOK_ADMIN_TOKEN: adminToken,
      TRAILBOOK_DATA_DIR: dataDir,
      TRAILBOOK_RATE_LIMIT: "0",
      ...env,
    },
  });
  return {
    url: server.url,
    rssMb: server.rssMb,
    stop: async () => {
      await server.kill("SIGTERM");
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
