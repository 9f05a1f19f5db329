import { describe, expect, it } from "vitest";
import { checkResponse } from "./openapi-validator";

const health = { status: "ok", database: "pglite", migrations: 3 };
const problem = (status: number) =>
  Response.json(
    { type: "urn:trailbook:problem:x", title: "x", status, detail: "x", code: "x" },
    { status, headers: { "content-type": "application/problem+json" } },
  );

describe("checkResponse", () => {
  it("accepts answers as documented, shared problem responses included", async () => {
    await expect(checkResponse("GET", "/api/health", Response.json(health))).resolves.toBeUndefined();
    await expect(checkResponse("GET", "/api/keys", problem(401))).resolves.toBeUndefined();
    await expect(
      checkResponse("DELETE", "/api/subscriptions/s1", new Response(null, { status: 204 })),
    ).resolves.toBeUndefined();
  });

  it("fails a body that does not match, an undocumented status and an undocumented media type", async () => {
    const wrong = Response.json({ ...health, database: "sqlite" });
    await expect(checkResponse("GET", "/api/health", wrong)).rejects.toThrow(/does not match.*database/);
    await expect(checkResponse("GET", "/api/health", problem(404))).rejects.toThrow(/not documented/);
    const html = new Response("<p>", { headers: { "content-type": "text/html" } });
    await expect(checkResponse("GET", "/api/health", html)).rejects.toThrow(/text\/html, documented as/);
    const extra = Response.json({ treeHeads: [], more: 1 });
    await expect(checkResponse("GET", "/api/checkpoints", extra)).rejects.toThrow(/additional properties/);
  });

  it("leaves paths and methods the document does not have to the test", async () => {
    await expect(checkResponse("GET", "/api/nope", problem(404))).resolves.toBeUndefined();
    await expect(checkResponse("PUT", "/api/health", new Response(null, { status: 405 }))).resolves.toBeUndefined();
  });
});
