import { afterAll, beforeAll, expect, it } from "vitest";
import { describeApi } from "../testing/api-fixture";
import type { SignedTreeHead } from "../transparency/tree-head";

/**
 * Exports and receipts reuse heads (issue 14): back-to-back exports (each records an event, so the
 * log always grows) sign at most one head per TRAILBOOK_EXPORT_HEAD_SECONDS, yet each export still
 * holds everything recorded before it; a receipt for an event the latest head covers signs nothing.
 */
describeApi("export and receipt heads", (api) => {
  let key = "";
  const interval = process.env.TRAILBOOK_EXPORT_HEAD_SECONDS;
  beforeAll(async () => {
    process.env.TRAILBOOK_EXPORT_HEAD_SECONDS = "1.5";
    key = await api.key(["write", "read", "export"]);
  });
  afterAll(() => {
    process.env.TRAILBOOK_EXPORT_HEAD_SECONDS = interval;
  });

  const exportNow = async () => {
    const response = await api.call("GET", "/api/export?format=jsonl", { key });
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split("\n");
    return JSON.parse(lines.at(-1)!).manifest as { count: number; lastPosition: string; treeHead: SignedTreeHead };
  };
  const record = async (type: string) => (await api.client(key).record([{ type, data: {} }])).events[0]!;
  const heads = async () => {
    const response = await api.call("GET", "/api/checkpoints", { key });
    return ((await response.json()) as { treeHeads: SignedTreeHead[] }).treeHeads;
  };

  it("signs at most one head per interval for exports, and each holds what was recorded before it", async () => {
    await record("BeforeFirstExport");
    const first = await exportNow();
    const recorded = await record("BetweenExports");
    const started = Date.now();
    const second = await exportNow();
    // The second export waited for the interval to pass since the first head, then signed one.
    expect(Date.parse(second.treeHead.timestamp) - Date.parse(first.treeHead.timestamp)).toBeGreaterThanOrEqual(1500);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(BigInt(second.lastPosition)).toBeGreaterThanOrEqual(BigInt(recorded.position));
    expect(Number(second.treeHead.seq)).toBe(Number(first.treeHead.seq) + 1);
    // Nothing recorded since (but the export's own event): still one head per interval.
    const third = await exportNow();
    expect(Date.parse(third.treeHead.timestamp) - Date.parse(second.treeHead.timestamp)).toBeGreaterThanOrEqual(1500);
  });

  it("lets exports that wait for the same head share one, while the log keeps growing", async () => {
    const keys = await Promise.all([1, 2, 3, 4].map(() => api.key(["read", "export"])));
    await exportNow(); // a fresh head: the exports below must wait for the interval
    await record("BeforeTheHerd");
    let writing = true;
    const writer = (async () => {
      while (writing) await record("MeanwhileWritten");
    })();
    const manifests = await Promise.all(
      keys.map(async (k) => {
        const response = await api.call("GET", "/api/export?format=jsonl", { key: k });
        const lines = (await response.text()).trim().split("\n");
        return JSON.parse(lines.at(-1)!).manifest as { treeHead: SignedTreeHead };
      }),
    );
    writing = false;
    await writer;
    expect(new Set(manifests.map((m) => m.treeHead.seq)).size).toBe(1);
  });

  it("takes a receipt at the latest head when it covers the event, signing nothing", async () => {
    const covered = await record("Covered");
    const head = (await exportNow()).treeHead;
    await record("AfterTheHead");
    const before = (await heads()).length;
    const response = await api.call("GET", `/api/events/${covered.id}/receipt`, { key });
    expect(response.status).toBe(200);
    const receipt = (await response.json()) as { treeHead: SignedTreeHead };
    expect(receipt.treeHead.seq).toBe((await heads())[0]!.seq);
    expect(Number(receipt.treeHead.treeSize)).toBeGreaterThanOrEqual(Number(head.treeSize));
    expect(await heads()).toHaveLength(before);
    // An event no head covers yet gets a new head.
    const uncovered = await record("Uncovered");
    const fresh = (await (await api.call("GET", `/api/events/${uncovered.id}/receipt`, { key })).json()) as {
      treeHead: SignedTreeHead;
    };
    expect(Number(fresh.treeHead.treeSize)).toBeGreaterThanOrEqual(Number(uncovered.position));
    expect(await heads()).toHaveLength(before + 1);
  });
});
