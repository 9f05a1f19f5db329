import fs from "node:fs";
import { expect, it } from "vitest";
import { describeApi } from "@/lib/testing/api-fixture";
import { VERIFIER_BUNDLE } from "@/lib/verifier/bundle-file";

describeApi("GET /api/verifier", (api) => {
  it("serves the committed single-file verifier as a download, to a read key", async () => {
    const response = await api.call("GET", "/api/verifier", { key: await api.key(["read"]) });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(fs.readFileSync(VERIFIER_BUNDLE))).toBe(true);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "text/javascript; charset=utf-8",
      "content-disposition": 'attachment; filename="trailbook-verify.mjs"',
      "x-content-type-options": "nosniff",
    });
    expect((await api.call("GET", "/api/verifier")).status).toBe(401);
  });
});
