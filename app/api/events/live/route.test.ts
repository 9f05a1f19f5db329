import { expect, it } from "vitest";
import { describeApi } from "@/lib/testing/api-fixture";
import { readSseEvents as readEvents } from "@/lib/testing/read-sse";

describeApi("GET /api/events/live", (api) => {
  it("streams new matching events and resumes from Last-Event-ID without loss or repeats", async () => {
    const key = await api.key(["write", "read"]);
    const client = api.client(key);
    await client.record([{ type: "Before" }]);
    const abort = new AbortController();
    const live = await api.call("GET", "/api/events/live?q=type:Live*", { key, headers: {} });
    expect(live.status).toBe(200);
    expect(live.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reading = readEvents(live, 2);
    await client.record([{ type: "LiveOne" }, { type: "Ignored" }, { type: "LiveTwo" }]);
    const got = await reading;
    expect(got.map((e) => e.type)).toEqual(["LiveOne", "LiveTwo"]);
    await client.record([{ type: "LiveThree" }]);
    const resumed = await api.call("GET", "/api/events/live?q=type:Live*", {
      key,
      headers: { "last-event-id": got[0]!.position },
    });
    expect((await readEvents(resumed, 2)).map((e) => e.type)).toEqual(["LiveTwo", "LiveThree"]);
    abort.abort();
  });

  it("refuses a bad query before streaming", async () => {
    const key = await api.key(["read"]);
    const response = await api.call("GET", "/api/events/live?q=bogus:1", { key });
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0]).toMatchObject({ path: "q", position: 0 });
  });
});
