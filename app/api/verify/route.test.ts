import fs from "node:fs";
import { expect, it } from "vitest";
import type { IntegrityResult } from "@/lib/integrity/verify-integrity";
import { witnessFile } from "@/lib/integrity/witness";
import { witnessWarning } from "@/lib/integrity/witness-status";
import { describeApi } from "@/lib/testing/api-fixture";

describeApi("GET /api/verify", (api) => {
  it("says how the witness stood: consistent, or missing with a warning (no fault) if it has no heads", async () => {
    const admin = await api.key(["admin"]);
    await api.client(admin).record([{ type: "Verified" }, { type: "Verified" }]);
    await api.call("POST", "/api/checkpoints", { key: admin }); // a head, witnessed
    const verify = async () => {
      const response = await api.call("GET", "/api/verify", { key: admin });
      expect(response.status).toBe(200);
      return (await response.json()) as IntegrityResult;
    };
    const witnessed = await verify();
    expect(witnessed).toMatchObject({ ok: true, faultCount: 0 });
    expect(witnessed.witness).toEqual({ heads: witnessed.treeHeads.checked, status: "consistent" });
    // Pointed at the wrong TRAILBOOK_WITNESS_DIR, or the witness was lost: the run passes and says so.
    fs.rmSync(witnessFile());
    const unwitnessed = await verify();
    expect(unwitnessed).toMatchObject({ ok: true, faultCount: 0, treeHeads: { ok: witnessed.treeHeads.checked } });
    expect(unwitnessed.witness).toEqual({ heads: 0, status: "missing", warning: witnessWarning("missing") });
    // A range run checks no heads.
    const range = await api.call("GET", "/api/verify?from=1&to=1", { key: admin });
    expect(((await range.json()) as IntegrityResult).witness).toEqual({ heads: 0, status: "not_checked" });
  });
});
