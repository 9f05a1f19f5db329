import { expect, it } from "vitest";
import { describeApi } from "@/lib/testing/api-fixture";

describeApi("POST /api/checkpoints", (api) => {
  it("answers 200 with the same head while the log has not grown, 201 with a new head once it has", async () => {
    const admin = await api.key(["admin"]);
    await api.call("POST", "/api/events", { key: admin, body: { type: "Checkpointed", data: {} } });
    // The append may have signed a head itself (one is due after a while): either way a head is current now.
    const first = await api.call("POST", "/api/checkpoints", { key: admin });
    expect([200, 201]).toContain(first.status);
    const { treeHead } = await first.json();
    const again = await api.call("POST", "/api/checkpoints", { key: admin });
    expect(again.status).toBe(200);
    expect((await again.json()).treeHead).toEqual(treeHead);
    await api.call("POST", "/api/events", { key: admin, body: { type: "Checkpointed", data: {} } });
    const grown = await api.call("POST", "/api/checkpoints", { key: admin });
    expect(grown.status).toBe(201);
    expect(BigInt((await grown.json()).treeHead.seq)).toBeGreaterThan(BigInt(treeHead.seq));
  });
});
