import { expect, it } from "vitest";
import { describeApi } from "../testing/api-fixture";
import { TrailbookError } from "./trailbook-client";

describeApi("TrailbookClient", (api) => {
  it("records, reads and reports problems as TrailbookError", async () => {
    const client = api.client(await api.key(["write", "read"]));
    const { events, replayed } = await client.record([{ type: "ClientMade", data: { n: 1 } }], {
      stream: "Client-1",
      expectedVersion: "none",
    });
    expect(replayed).toBe(false);
    expect((await client.getEvent(events[0]!.id)).data).toEqual({ n: 1 });
    const error = await client
      .record([{ type: "Again" }], { stream: "Client-1", expectedVersion: "none" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrailbookError);
    expect((error as TrailbookError).problem).toMatchObject({ code: "wrong_expected_version", current: 0 });
  });

  it("follows the whole log by `after` while writers append, seeing every event exactly once", async () => {
    const client = api.client(await api.key(["write", "read"]));
    const start = (await client.search({ limit: 1 })).events[0]?.position ?? "0";
    const writers = 5;
    const batches = 6;
    const total = writers * batches * 3;
    const abort = new AbortController();
    const seen: string[] = [];
    const following = (async () => {
      for await (const event of client.follow({ after: start, pollMs: 20, signal: abort.signal })) {
        seen.push(event.position);
        if (seen.length === total) abort.abort();
      }
    })();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let b = 0; b < batches; b++)
          await client.record([{ type: "A" }, { type: "B" }, { type: "C" }], { stream: `F-${w}` });
      }),
    );
    await following;
    expect(seen).toHaveLength(total);
    for (const [i, position] of seen.entries()) expect(BigInt(position)).toBe(BigInt(start) + BigInt(i + 1));
  });
});
