import { describe, expect, it, onTestFinished } from "vitest";
import type { Principal } from "../auth/principal";
import { ConcurrencyLimited } from "../errors";
import { inSlot, releasingWhenSent, takeSlot } from "./concurrency-limit";

const key = (keyId: string): Principal => ({ keyId, name: keyId, scopes: ["read"], tenant: null });

describe("concurrency slots", () => {
  it("give a key one search at a time on the embedded database", () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const release = takeSlot(key("slots-embedded"), "search");
      expect(() => takeSlot(key("slots-embedded"), "search")).toThrow(/already has 1 search request running/);
      release();
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });

  it("give a key two searches at once on PostgreSQL, a third 429, and the slot back when one ends", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgres://unused";
    onTestFinished(() => {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    });
    const a = key("slots-a");
    const first = takeSlot(a, "search");
    const second = takeSlot(a, "search");
    expect(() => takeSlot(a, "search")).toThrow(ConcurrencyLimited);
    expect(() => takeSlot(a, "search")).toThrow(
      expect.objectContaining({ code: "too_many_concurrent", retryAfter: 1 }),
    );
    takeSlot(key("slots-b"), "search")(); // another key is not charged
    takeSlot(a, "export")(); // nor is another kind
    first();
    first(); // releasing twice releases once
    const third = takeSlot(a, "search");
    expect(() => takeSlot(a, "search")).toThrow(ConcurrencyLimited);
    second();
    third();
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
