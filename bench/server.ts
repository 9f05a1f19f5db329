import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The production server (`npm start`: builds when needed) on a bench database, for HTTP figures. */
export async function startServer(databaseUrl: string, port: number, adminToken: string): Promise<{ url: string; stop: () => Promise<void>; rssMb: () => number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-bench-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "bin/start.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), TRAILBOOK_ADMIN_TOKEN: adminToken, TRAILBOOK_DATA_DIR: dataDir, NODE_ENV: "production", TRAILBOOK_RATE_LIMIT: "0" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    if (i > 600 || child.exitCode !== null) throw new Error("the server did not start");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    rssMb: () => treeRssMb(child.pid!),
    stop: async () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process and all its descendants, from /proc (Linux). */
function treeRssMb(root: number): number {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* exited */
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) if (tree.has(parent) && !tree.has(pid)) (tree.add(pid), (grew = true));
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      /* exited */
    }
  }
  return kb / 1024;
}
