import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { describeApi } from "../testing/api-fixture";
import { errorResponse } from "./problem";

/** A body just under 1 MiB of distinct words: its full-text vector passes PostgreSQL's 1 MB limit. */
function distinctWords(): { type: string; data: Record<string, string> } {
  const data: Record<string, string> = {};
  let n = 0;
  for (let field = 0; field < 16; field++) {
    const words: string[] = [];
    for (let length = 0; length < 60_000; length += words.at(-1)!.length + 1) words.push(`w${(n++).toString(36)}`);
    data[`f${field}`] = words.join(" ");
  }
  return { type: "ManyWords", data };
}

it("renders a database limit (SQLSTATE 54000) as the client's 413, without the database's words", async () => {
  const limit = Object.assign(new Error("string is too long for tsvector (1500000 bytes, max 1048575 bytes)"), {
    code: "54000",
  });
  const response = errorResponse(limit);
  expect(response.status).toBe(413);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = await response.json();
  expect(body.code).toBe("payload_too_large");
  expect(body.detail).not.toMatch(/tsvector|bytes/);
});

describeApi("a body of a million distinct words", (api) => {
  it("is accepted, or refused as too large to index with nothing written; never a 500", async () => {
    const admin = await api.key(["admin"]);
    const body = JSON.stringify(distinctWords());
    expect(body.length).toBeGreaterThan(900_000);
    expect(body.length).toBeLessThan(1024 * 1024);
    const count = () => api.db().query<{ n: string }>(Prisma.sql`SELECT count(*)::text AS n FROM events`);
    const before = await count();
    const response = await api.call("POST", "/api/events", { key: admin, body });
    expect([201, 413]).toContain(response.status);
    if (response.status === 413) {
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect((await response.json()).code).toBe("payload_too_large");
      expect(await count()).toEqual(before);
    }
  });
});
