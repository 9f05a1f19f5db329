import { describe, expect, it } from "vitest";
import type { Principal } from "../auth/principal";
import { ConcurrencyLimited } from "../errors";
import { inSlot, releasingWhenSent, takeSlot } from "./concurrency-limit";

const key = (keyId: string): Principal => ({ keyId, name: keyId, scopes: ["read"], tenant: null });

describe("concurrency slots", () => {
  it("give a key one search at a time, and the slot back when it ends", () => {
    const a = key("slots-a");
    const first = takeSlot(a, "search");
    expect(() => takeSlot(a, "search")).toThrow(ConcurrencyLimited);
    expect(() => takeSlot(a, "search")).toThrow(
      expect.objectContaining({ code: "too_many_concurrent", retryAfter: 1 }),
    );
    expect(() => takeSlot(a, "search")).toThrow(/already has 1 search request running/);
    takeSlot(key("slots-b"), "search")(); // another key is not charged
    takeSlot(a, "export")(); // nor is another kind
    first();
    first(); // releasing twice releases once
    const second = takeSlot(a, "search");
    expect(() => takeSlot(a, "search")).toThrow(ConcurrencyLimited);
    second();
  });

  it("let a page wait a moment for its key's slot, and refuse it when the wait runs out", async () => {
    const a = key("slots-wait");
    const held = takeSlot(a, "search");
    setTimeout(held, 60);
    let ran = 0;
    await expect(inSlot(a, "search", async () => ++ran, 2000)).resolves.toBe(1);
    const again = takeSlot(a, "search");
    const started = Date.now();
    await expect(inSlot(a, "search", async () => ++ran, 100)).rejects.toThrow(ConcurrencyLimited);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(ran).toBe(1);
    await expect(inSlot(a, "search", async () => ++ran)).rejects.toThrow(ConcurrencyLimited); // no wait by default
    again();
  });

  it("give a key two live tails at once", () => {
    const a = key("slots-live");
    const releases = [takeSlot(a, "live"), takeSlot(a, "live")];
    expect(() => takeSlot(a, "live")).toThrow(/already has 2 live requests running/);
    for (const release of releases) release();
  });

  it("keep the search box's value lookups off the key's search slot, two at a time", () => {
    const a = key("slots-suggest");
    const lookups = [takeSlot(a, "suggest"), takeSlot(a, "suggest")];
    expect(() => takeSlot(a, "suggest")).toThrow(/already has 2 suggest requests running/);
    takeSlot(a, "search")(); // typing never makes the key's own search wait or answer 429
    const search = takeSlot(a, "search");
    takeSlot(key("slots-suggest-b"), "suggest")();
    for (const release of lookups) release();
    takeSlot(a, "suggest")();
    search();
  });

  it("run one verify per process, whoever asks", async () => {
    let finish = () => {};
    const running = inSlot(key("verify-a"), "verify", () => new Promise<void>((resolve) => (finish = resolve)));
    await expect(inSlot(key("verify-b"), "verify", async () => 1)).rejects.toThrow(/already running/);
    finish();
    await running;
    await expect(inSlot(key("verify-b"), "verify", async () => 1)).resolves.toBe(1);
    await expect(inSlot(key("verify-b"), "verify", async () => Promise.reject(new Error("x")))).rejects.toThrow("x");
    await expect(inSlot(key("verify-b"), "verify", async () => 2)).resolves.toBe(2); // released after a failure
  });

  it("hold a stream's slot until its body is read to the end, or cancelled", async () => {
    const a = key("slots-stream");
    const streamed = (release: () => void) =>
      releasingWhenSent(new Response(new Blob(["one", "two"]).stream(), { headers: { x: "kept" } }), release);
    const read = streamed(takeSlot(a, "export"));
    expect(read.headers.get("x")).toBe("kept");
    expect(() => takeSlot(a, "export")).toThrow(ConcurrencyLimited);
    expect(await read.text()).toBe("onetwo");
    const cancelled = streamed(takeSlot(a, "export"));
    expect(() => takeSlot(a, "export")).toThrow(ConcurrencyLimited);
    await cancelled.body!.cancel();
    takeSlot(a, "export")();
  });
});
