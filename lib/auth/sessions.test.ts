import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { Forbidden, Unauthorized } from "../errors";
import { describeApi } from "../testing/api-fixture";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";
import { endSession, resolveSession, startSession } from "./sessions";

describeApi("browser sessions", (api) => {
  it("act as their key until sign-out, expiry or revocation", async () => {
    const key = await createApiKey(api.db(), { name: "reader", scopes: ["read"], tenant: "acme" });
    const { token } = await startSession(api.db(), key.secret);
    expect(await resolveSession(api.db(), token)).toMatchObject({ keyId: key.id, tenant: "acme", scopes: ["read"] });
    const stored = await api.db().transaction((tx) => tx.exec("SELECT token_hash FROM sessions"));
    expect(JSON.stringify(stored)).not.toContain(token);
    await endSession(api.db(), token);
    expect(await resolveSession(api.db(), token)).toBeNull();

    const second = await startSession(api.db(), key.secret);
    await api.db().query(Prisma.sql`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect(await resolveSession(api.db(), second.token)).toBeNull();

    const third = await startSession(api.db(), key.secret);
    await revokeApiKey(api.db(), key.id);
    expect(await resolveSession(api.db(), third.token)).toBeNull();
  });

  it("need a key with read scope", async () => {
    const writer = await createApiKey(api.db(), { name: "writer", scopes: ["write"] });
    await expect(startSession(api.db(), writer.secret)).rejects.toBeInstanceOf(Forbidden);
    await expect(startSession(api.db(), "tb_nope")).rejects.toBeInstanceOf(Unauthorized);
    expect(await resolveSession(api.db(), "not-a-token")).toBeNull();
  });

  it("authorise safe API reads by cookie, never writes", async () => {
    const key = await createApiKey(api.db(), { name: "rw", scopes: ["read", "write", "export"] });
    const { token } = await startSession(api.db(), key.secret);
    const cookie = { cookie: `other=1; tb_session=${token}` };
    expect((await api.call("GET", "/api/events", { headers: cookie })).status).toBe(200);
    expect((await api.call("POST", "/api/events", { headers: cookie, body: { type: "ViaCookie" } })).status).toBe(401);
    // A request another site started (a link, an img) carries the cookie but is not the reader's own.
    for (const site of ["same-origin", "same-site", "none"]) {
      const headers = { ...cookie, "sec-fetch-site": site };
      expect((await api.call("GET", "/api/export?q=type:X", { headers })).status, site).toBe(200);
    }
    const crossSite = { ...cookie, "sec-fetch-site": "cross-site" };
    expect((await api.call("GET", "/api/export?q=type:X", { headers: crossSite })).status).toBe(401);
    expect((await api.call("GET", "/api/events", { headers: crossSite })).status).toBe(401);
  });

  it("made with TRAILBOOK_ADMIN_TOKEN end when the token changes", async () => {
    process.env.TRAILBOOK_ADMIN_TOKEN = "first-token-value-of-at-least-32-characters";
    try {
      const { token } = await startSession(api.db(), "first-token-value-of-at-least-32-characters");
      expect(await resolveSession(api.db(), token)).toMatchObject({ keyId: null, scopes: ["admin"] });
      process.env.TRAILBOOK_ADMIN_TOKEN = "rotated-token-value-of-at-least-32-characters";
      expect(await resolveSession(api.db(), token)).toBeNull();
    } finally {
      delete process.env.TRAILBOOK_ADMIN_TOKEN;
    }
  });
});
