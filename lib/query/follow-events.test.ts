import { getEventListeners } from "node:events";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../testing/test-database";
import { followEvents } from "./follow-events";

describeEachDatabase("followEvents", (db) => {
  it("holds one abort listener however long it polls, and stops on abort", async () => {
    const abort = new AbortController();
    const follower = followEvents(db(), {
      q: "type:NeverRecorded",
      scope: "all-tenants",
      pollMs: 2,
      signal: abort.signal,
    });
    const pending = follower.next();
    await new Promise((resolve) => setTimeout(resolve, 300)); // ~100 empty polls
    expect(getEventListeners(abort.signal, "abort").length).toBeLessThanOrEqual(1);
    abort.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
  });
});
