import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { httpSignIn } from "@/lib/testing/http-sign-in";
import { type ServerProcess, startServer } from "@/lib/testing/server-process";
import { createPostgresDatabase, TEST_DATABASE_KINDS } from "@/lib/testing/test-database";
import { freePort } from "../lib/testing/free-port";
import { hostileQuery, hostileSegment } from "./hostile-requests";

// The pages' counterpart of hostile-input.test.ts: a signed-in browser asking the production server
// for generated hostile addresses. Pages render on the server only, so this needs a real server.

/** Generated page requests per database. */
const RUNS = Number(process.env.FUZZ_PAGE_RUNS ?? 1_500);
const ADMIN_TOKEN = `pages-${randomUUID()}`;
/** Every page, as its route pattern; `[x]` takes a hostile segment. */
const PAGES = ["/", "/streams", "/streams/[name]", "/events/[id]", "/correlations/[id]", "/go", "/types", "/integrity"];
/** What the pages read from their query strings (and some they do not). */
const PAGE_PARAMS = ["q", "cursor", "at", "to", "prefix", "fromVersion", "direction", "event", "next"];
/** Escapes no UTF-8 decoder accepts, sent raw: Next's router answered these with a plain-text 500. */
const MALFORMED = fc.constantFrom("%ff", "%C0%AF", "%ED%A0%80", "%", "%zz", "a%E2%82", "%00");
const DATES = ["+275760-09-13T00:00:00Z", "0000-01-01T00:00:00Z", "-000001-01-01T00:00:00Z", "9999-12-31"];

describe.each(TEST_DATABASE_KINDS)("hostile page addresses [%s]", (kind) => {
  let server: ServerProcess | undefined;
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await server?.kill("SIGKILL");
    for (const step of cleanup) await step();
  });

  it(`answers ${RUNS} generated page requests with a page or a 4xx, never a 5xx`, { timeout: 900_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-pages-"));
    cleanup.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    let databaseUrl = "";
    if (kind === "postgres") {
      const database = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
      cleanup.push(database.drop);
      databaseUrl = database.url;
    }
    server = await startServer({
      port: await freePort(),
      env: { DATABASE_URL: databaseUrl, TRAILBOOK_DATA_DIR: dataDir, TRAILBOOK_ADMIN_TOKEN: ADMIN_TOKEN },
    });
    const recorded = await fetch(`${server.url}/api/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "Seed", stream: `Pages-${randomUUID()}`, data: { ok: true } }),
    });
    expect(recorded.status).toBe(201);
    const event = (await recorded.json()).events[0];
    const known = { id: event.id, stream: event.streams[0].name };
    const { session } = await httpSignIn(server.url, ADMIN_TOKEN);
    expect(session).toBeTruthy();

    const segment = fc.oneof({ arbitrary: hostileSegment(known), weight: 4 }, { arbitrary: MALFORMED, weight: 1 });
    const address = fc
      .tuple(
        fc.constantFrom(...PAGES),
        fc.oneof(
          { arbitrary: hostileQuery(PAGE_PARAMS), weight: 4 },
          { arbitrary: fc.constantFrom(...DATES).map((at) => `?at=${encodeURIComponent(at)}`), weight: 1 },
          { arbitrary: MALFORMED.map((bad) => `?q=${bad}`), weight: 1 },
        ),
      )
      .chain(([page, query]) =>
        fc
          .tuple(...page.split("/").map((part) => (part.startsWith("[") ? segment : fc.constant(part))))
          .map((parts) => `${parts.join("/") || "/"}${query}`),
      );
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(address, async (url) => {
        const response = await fetch(`${server!.url}${url}`, {
          headers: { cookie: `tb_session=${session}` },
          redirect: "manual",
        });
        const body = await response.text();
        sent++;
        expect(response.status, url).toBeLessThan(500);
        expect(body, url).not.toContain("This page could not be loaded");
      }),
      { numRuns: RUNS, endOnFailure: false },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    // The server still serves pages.
    const home = await fetch(`${server.url}/`, { headers: { cookie: `tb_session=${session}` } });
    expect(home.status).toBe(200);
  });
});
