import { spawn } from "node:child_process";
import fs from "node:fs";

export interface ServerProcess {
  url: string;
  /** The server's process id (the leader of its process group). */
  pid: number;
  /** The server's exit code once it has exited (null while it runs, or when a signal ended it). */
  exitCode(): number | null;
  /** Everything the server wrote to stdout and stderr (the last 64 KiB). */
  output(): string;
  /** Resident memory of the server and all its child processes, in MiB (Linux /proc). */
  rssMb(): number;
  /** Sends `signal` to the whole process group and waits until the server has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * The production server as users run it (`npm start`: builds first when the build is stale), in its
 * own process group so a kill reaches Next's process and not only the launcher.
 */
export async function startServer(
  options: { port: number; env: Record<string, string> },
  attempt = 1,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/start.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(options.port), ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  // The server's output, kept (the last 64 KiB) to explain a start that fails; stderr also goes on.
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-65_536);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", (chunk: Buffer) => {
    keep(chunk);
    process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  // Why the last health check failed, for the error below: a status, or the connection's error code.
  let lastProblem = "none yet";
  let listeningChecks = 0;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) }).then(
        (r) => {
          lastProblem = `HTTP ${r.status}`;
          return r.ok;
        },
        (error: Error & { cause?: { code?: string } }) => {
          lastProblem = error.cause?.code ?? error.name;
          return false;
        },
      )
    )
      break;
    // Seen twice in CI and never reproduced: the server says it listens, then no health check
    // succeeds. Once, it is reported in full and started again, so the suite still tests what it is
    // for and the next occurrence carries its diagnosis (the last check's status or error code).
    const listening = output.includes("Trailbook listening on");
    if (listening) listeningChecks += 1;
    if (attempt === 1 && listeningChecks > 120 && child.exitCode === null) {
      process.stderr.write(
        `\n[server-process] listening but unhealthy for 60 s on ${url} (last check: ${lastProblem}); ` +
          `starting it again. Its output:\n${output.slice(-8192)}\n`,
      );
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
      await exited;
      for (let w = 0; w < 100 && groupAlive(child.pid!); w++) await new Promise((resolve) => setTimeout(resolve, 100));
      return startServer(options, attempt + 1);
    }
    if (i > 600 || child.exitCode !== null) {
      try {
        process.kill(-child.pid!, "SIGKILL"); // never leave a half-started server behind
      } catch {
        /* already gone */
      }
      const how =
        child.exitCode === null
          ? `no healthy answer after ${i / 2} s; the last check: ${lastProblem}`
          : `exit code ${child.exitCode}`;
      throw new Error(`the server did not start (${how}); its output:\n${output.slice(-8192)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    pid: child.pid!,
    exitCode: () => child.exitCode,
    output: () => output,
    rssMb: () => treeRssMb(child.pid!),
    async kill(signal) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return; // already gone
      }
      await exited;
      // The launcher exits with its child; wait for the group's last member too (the port is free then).
      for (let i = 0; i < 100 && groupAlive(child.pid!); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    },
  };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
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
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
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
