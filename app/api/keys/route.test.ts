import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { ensureBootstrapKey } from "@/lib/auth/ensure-bootstrap-key";
import { describeApi } from "@/lib/testing/api-fixture";

describeApi("/api/keys", (api) => {
  let admin = "";
  beforeAll(async () => {
    const bootstrap = await ensureBootstrapKey(api.db());
    expect(bootstrap).toMatch(/^tb_/);
    expect(await ensureBootstrapKey(api.db())).toBeNull(); // only on a fresh installation
    admin = bootstrap!;
  });

  it("creates a key shown once, lists it without its secret, and revokes it", async () => {
    const created = await api.call("POST", "/api/keys", {
      key: admin,
      body: { name: "ci", scopes: ["write", "read", "read"], tenant: "acme" },
    });
    expect(created.status).toBe(201);
    const key = await created.json();
    expect(key).toMatchObject({ name: "ci", scopes: ["write", "read"], tenant: "acme", revokedAt: null });
    expect(key.secret).toMatch(/^tb_[A-Za-z0-9_-]{43}$/); // 256 random bits
    const listed = await (await api.call("GET", "/api/keys", { key: admin })).json();
    const entry = listed.keys.find((k: { id: string }) => k.id === key.id);
    expect(entry).toMatchObject({ prefix: key.secret.slice(0, 7) });
    expect(JSON.stringify(listed)).not.toContain(key.secret);
    const stored = await api.db().transaction((tx) => tx.exec(`SELECT * FROM api_keys WHERE id = '${key.id}'`));
    expect(JSON.stringify(stored)).not.toContain(key.secret);
    expect((await api.call("POST", "/api/events", { key: key.secret, body: { type: "Works" } })).status).toBe(201);
    const revoked = await api.call("DELETE", `/api/keys/${key.id}`, { key: admin });
    expect((await revoked.json()).revokedAt).toMatch(/Z$/);
    expect((await api.call("POST", "/api/events", { key: key.secret, body: { type: "Refused" } })).status).toBe(401);
  });

  it("validates requests and unknown ids", async () => {
    const bad = await api.call("POST", "/api/keys", {
      key: admin,
      body: { name: "", scopes: ["root"], tenant: "a b" },
    });
    expect(bad.status).toBe(422);
    expect([...new Set((await bad.json()).errors.map((e: { path: string }) => e.path))].sort()).toEqual([
      "name",
      "scopes.0",
      "tenant",
    ]);
    expect((await api.call("DELETE", `/api/keys/${randomUUID()}`, { key: admin })).status).toBe(404);
    expect((await api.call("DELETE", "/api/keys/not-a-uuid", { key: admin })).status).toBe(404);
  });

  it("lets a tenant-bound admin create keys for its own tenant only", async () => {
    const tenantAdmin = await api.key(["admin"], "acme");
    const create = (body: Record<string, unknown>) => api.call("POST", "/api/keys", { key: tenantAdmin, body });
    const own = await create({ name: "acme-reader", scopes: ["read"] });
    expect(own.status).toBe(201);
    expect(await own.json()).toMatchObject({ tenant: "acme" });
    expect((await create({ name: "named", scopes: ["read"], tenant: "acme" })).status).toBe(201);
    for (const tenant of ["globex", null]) {
      const refused = await create({ name: "escape", scopes: ["admin"], tenant });
      expect(refused.status, String(tenant)).toBe(403);
      expect(await refused.json()).toMatchObject({ code: "forbidden" });
    }
    const unbound = await api.call("POST", "/api/keys", { key: admin, body: { name: "any", scopes: ["read"] } });
    expect(await unbound.json()).toMatchObject({ tenant: null });
  });
});
