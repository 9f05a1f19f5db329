import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeApi } from "@/lib/testing/api-fixture";

describeApi("GET /api/streams", (api) => {
  it("lists one category by count or last activity, paging with next, and refuses an unknown order", async () => {
    const key = await api.key(["write", "read"]);
    const category = `Cat${randomUUID().slice(0, 8)}`;
    const record = (stream: string, n: number) =>
      api.call("POST", "/api/events", {
        key,
        body: { stream, events: Array.from({ length: n }, () => ({ type: "Counted", data: {} })) },
      });
    await record(`${category}-a`, 3);
    await record(`${category}-b`, 1);
    await record(`${category}-c`, 2);
    await record(`Other${category}-z`, 5);
    const names = async (query: string) => {
      const response = await api.call("GET", `/api/streams?category=${category}&${query}`, { key });
      expect(response.status).toBe(200);
      const page = await response.json();
      return { names: page.streams.map((s: { name: string }) => s.name), next: page.next as string | null };
    };
    expect((await names("sort=count")).names).toEqual([`${category}-a`, `${category}-c`, `${category}-b`]);
    expect((await names("sort=activity")).names).toEqual([`${category}-c`, `${category}-b`, `${category}-a`]);
    expect((await names("sort=name")).names).toEqual([`${category}-a`, `${category}-b`, `${category}-c`]);
    const first = await names("sort=count&limit=2");
    expect(first.names).toEqual([`${category}-a`, `${category}-c`]);
    expect((await names(`sort=count&limit=2&cursor=${encodeURIComponent(first.next!)}`)).names).toEqual([
      `${category}-b`,
    ]);
    const bad = await api.call("GET", `/api/streams?sort=size`, { key });
    expect(bad.status).toBe(422);
    expect((await bad.json()).code).toBe("validation_failed");
    expect((await api.call("GET", `/api/streams?category=a-b`, { key })).status).toBe(422);
  });
});
