import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { Forbidden, RateLimited, Unauthorized } from "../errors";
import { describeApi } from "../testing/api-fixture";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";
import { endSession, resolveSession, startSession } from "./sessions";

/** A documentation address (RFC 5737): failed sign-ins here count against no other test. */
const ADDRESS = "192.0.2.1";

describeApi("browser sessions", (api) => {
  it("act as their key until sign-out, expiry or revocation", async () => {
    const key = await createApiKey(api.db(), { name: "reader", scopes: ["read"], tenant: "acme" });
    const { token } = await startSession(api.db(), key.secret, ADDRESS);
    expect(await resolveSession(api.db(), token)).toMatchObject({ keyId: key.id, tenant: "acme", scopes: ["read"] });
    const stored = await api.db().transaction((tx) => tx.exec("SELECT token_hash FROM sessions"));
    expect(JSON.stringify(stored)).not.toContain(token);
    await endSession(api.db(), token);
    expect(await resolveSession(api.db(), token)).toBeNull();

    const second = await startSession(api.db(), key.secret, ADDRESS);
    await api.db().query(Prisma.sql`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect(await resolveSession(api.db(), second.token)).toBeNull();

    const third = await startSession(api.db(), key.secret, ADDRESS);
    await revokeApiKey(api.db(), key.id);
    expect(await resolveSession(api.db(), third.token)).toBeNull();
  });

  it("need a key with read scope", async () => {
    const writer = await createApiKey(api.db(), { name: "writer", scopes: ["write"] });
    await expect(startSession(api.db(), writer.secret, ADDRESS)).rejects.toBeInstanceOf(Forbidden);
    await expect(startSession(api.db(), "tb_nope", ADDRESS)).rejects.toBeInstanceOf(Unauthorized);
    expect(await resolveSession(api.db(), "not-a-token")).toBeNull();
  });

  it("authorise safe API reads by cookie, never writes", async () => {
    const key = await createApiKey(api.db(), { name: "rw", scopes: ["read", "write", "export"] });
    const { token } = await startSession(api.db(), key.secret, ADDRESS);
    const cookie = { cookie: `other=1; tb_session=${token}` };
    expect((await api.call("GET", "/api/events", { headers: cookie })).status).toBe(200);
    expect((await api.call("POST", "/api/events", { headers: cookie, body: { type: "ViaCookie" } })).status).toBe(401);
    // A request another site started (a link, an img) carries the cookie but is not the reader's own.
    for (const site of ["same-origin", "same-site", "none"]) {
      const headers = { ...cookie, "sec-fetch-site": site };
      const response = await api.call("GET", "/api/export?q=type:X", { headers });
      expect(response.status, site).toBe(200);
      await response.body?.cancel(); // an export holds the key's export slot until its body is done
    }
    const crossSite = { ...cookie, "sec-fetch-site": "cross-site" };
    expect((await api.call("GET", "/api/export?q=type:X", { headers: crossSite })).status).toBe(401);
    expect((await api.call("GET", "/api/events", { headers: crossSite })).status).toBe(401);
  });

  it("made with TRAILBOOK_ADMIN_TOKEN end when the token changes", async () => {
    process.env.TRAILBOOK_ADMIN_TOKEN = "first-token-value-of-at-least-32-characters";
    try {
      const { token } = await startSession(api.db(), "first-token-value-of-at-least-32-characters", ADDRESS);
      expect(await resolveSession(api.db(), token)).toMatchObject({ keyId: null, scopes: ["admin"] });
      process.env.TRAILBOOK_ADMIN_TOKEN = "rotated-token-value-of-at-least-32-characters";
      expect(await resolveSession(api.db(), token)).toBeNull();
    } finally {
      delete process.env.TRAILBOOK_ADMIN_TOKEN;
    }
  });

  it("refuse sign-ins from an address after 10 failures, the right key too, and say how long to wait", async () => {
    const key = await createApiKey(api.db(), { name: "throttled", scopes: ["read"] });
    const guesser = `198.51.100.${randomUUID()}`;
    for (let i = 0; i < 10; i++) {
      await expect(startSession(api.db(), `tb_guess-${i}`, guesser)).rejects.toBeInstanceOf(Unauthorized);
    }
    const refused = await startSession(api.db(), key.secret, guesser).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimited);
    expect(refused).toMatchObject({ code: "rate_limited", retryAfter: 30 });
    expect((refused as Error).message).toMatch(/failed sign-ins; try again in 30 s/);
    // Another address is not held back by this one's failures.
    expect((await startSession(api.db(), key.secret, `203.0.113.${randomUUID()}`)).token).toBeTruthy();
  });
});
