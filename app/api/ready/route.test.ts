import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open-database";
import { pendingMigrations } from "@/lib/db/pending-migrations";
import { beginShutdown } from "@/lib/lifecycle/shutdown-signal";
import { checkReadiness } from "@/lib/observability/check-readiness";
import { describeApi } from "@/lib/testing/api-fixture";

const process_ = globalThis as typeof globalThis & { trailbookSigningKey?: unknown; trailbookShutdown?: unknown };

/** Runs `work` with the process's signing key gone: no TRAILBOOK_SIGNING_KEY, an empty data dir. */
async function withoutSigningKey<T>(work: () => Promise<T>): Promise<T> {
  const saved = { pem: process.env.TRAILBOOK_SIGNING_KEY, dir: process.env.TRAILBOOK_DATA_DIR };
  const cached = process_.trailbookSigningKey;
  process.env.TRAILBOOK_SIGNING_KEY = "";
  process.env.TRAILBOOK_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-ready-"));
  process_.trailbookSigningKey = undefined;
  try {
    return await work();
  } finally {
    process.env.TRAILBOOK_SIGNING_KEY = saved.pem;
    process.env.TRAILBOOK_DATA_DIR = saved.dir;
    process_.trailbookSigningKey = cached;
  }
}

describeApi("health and readiness", (api, kind) => {
  it("answers liveness and readiness without credentials, revealing no event data", async () => {
    const health = await api.call("GET", "/api/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: kind });
    const ready = await api.call("GET", "/api/ready", { headers: { "x-request-id": "probe-1" } });
    expect([ready.status, ready.headers.get("cache-control"), ready.headers.get("x-request-id")]).toEqual([
      200,
      "no-store",
      "probe-1",
    ]);
    expect(await ready.json()).toEqual({
      status: "ready",
      database: kind,
      migrations: "applied",
      signingKey: "present",
    });
  });

  it("is not ready without the signing key, and says so as problem+json (liveness stays ok)", async () => {
    const [ready, health] = await withoutSigningKey(() =>
      Promise.all([api.call("GET", "/api/ready"), api.call("GET", "/api/health")]),
    );
    expect(health.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(ready.headers.get("content-type")).toBe("application/problem+json");
    const problem = await ready.json();
    expect(problem).toMatchObject({ code: "not_ready", missing: [expect.stringMatching(/^signing key: not present/)] });
    expect(JSON.stringify(problem)).not.toContain(os.tmpdir()); // no paths in a public answer
  });

  it("names pending migrations", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-migrations-"));
    const applied = fs.readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true });
    for (const entry of applied) if (entry.isDirectory()) fs.mkdirSync(path.join(dir, entry.name));
    fs.mkdirSync(path.join(dir, "29990101000000_from_the_future"));
    expect(await pendingMigrations(api.db(), dir)).toEqual(["29990101000000_from_the_future"]);
  });
});

it("is not ready when the database cannot be reached, has no migrations, or the server is stopping", async () => {
  const unreachable = await checkReadiness(() => Promise.reject(new Error("ECONNREFUSED 10.0.0.1:5432")));
  expect(unreachable).toEqual({ ready: false, missing: ["database: not reachable"] });
  const empty = await openDatabase({ kind: "pglite" });
  try {
    expect(await checkReadiness(async () => empty)).toEqual({
      ready: false,
      missing: ["migrations: the migration history cannot be read"],
    });
  } finally {
    await empty.close();
  }
  beginShutdown();
  try {
    expect(await checkReadiness(() => Promise.reject(new Error("closed")))).toEqual({
      ready: false,
      missing: ["server: shutting down", "database: not reachable"],
    });
  } finally {
    process_.trailbookShutdown = undefined; // this process goes on testing
  }
});
