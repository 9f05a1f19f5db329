import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { describeEachDatabase } from "../testing/test-database";
import { ensureBootstrapKey } from "./ensure-bootstrap-key";

describeEachDatabase("the bootstrap admin key", (db) => {
  it("is minted once, even when servers start at the same instant (concurrent connections)", async () => {
    const minted = await Promise.all([...Array(6)].map(() => ensureBootstrapKey(db())));
    expect(minted.filter((secret) => secret !== null)).toHaveLength(1);
    expect(minted.find((secret) => secret !== null)).toMatch(/^tb_[A-Za-z0-9_-]{43}$/);
    expect(await ensureBootstrapKey(db())).toBeNull();
    const [row] = await db().query<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM api_keys`);
    expect(row?.n).toBe(1);
  });
});
