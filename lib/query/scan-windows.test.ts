import { expect, it } from "vitest";
import type { Database } from "../db/database";
import type { Direction } from "../paging/keyset-page";
import { appendEvents } from "../store/append-events";
import { readEvents } from "../store/read-events";
import { describeEachDatabase } from "../testing/test-database";
import { searchConditions } from "./build-where";
import { scanWindows } from "./scan-windows";

/** Every page of a windowed search, following its continuation, as position lists. */
async function allPages(
  db: Database,
  q: string,
  direction: Direction,
  limits: { firstWindow: number; maxWindow: number; budgetMs: number },
  limit: number,
) {
  const pages: string[][] = [];
  let after: string | undefined;
  for (let i = 0; i < 500; i++) {
    const page = await scanWindows(
      db,
      { where: searchConditions(q), scope: "all-tenants", after, direction, limit },
      limits,
    );
    pages.push(page.events.map((e) => e.position));
    const next = page.more ? page.events.at(-1)!.position : page.stoppedAt;
    if (next === null) return pages;
    after = next;
  }
  throw new Error("no end");
}

describeEachDatabase("windowed search", (db) => {
  it("finds exactly what one unbounded query finds, in order, whatever the windows and budget", async () => {
    const tag = `w${Date.now()}`;
    await appendEvents(db(), {
      events: Array.from({ length: 120 }, (_, i) => ({
        type: i % 7 === 0 ? `${tag}.Hit` : `${tag}.Miss`,
        data: { i, word: i % 11 === 0 ? "needle" : "hay" },
      })),
    });
    for (const q of [`type:${tag}.Hit`, `type:${tag}.* needle`, `type:${tag}.* -needle`, `type:${tag}.Nothing`]) {
      for (const direction of ["backward", "forward"] as const) {
        const expected = (
          await readEvents(db(), { where: searchConditions(q), scope: "all-tenants", direction, limit: 1000 })
        ).items.map((e) => e.position);
        for (const limits of [
          { firstWindow: 3, maxWindow: 12, budgetMs: 60_000 },
          { firstWindow: 9, maxWindow: 9, budgetMs: 0 }, // out of budget after every window
        ]) {
          for (const limit of [1, 5, 50]) {
            const pages = await allPages(db(), q, direction, limits, limit);
            expect(pages.flat(), `${q} ${direction} ${JSON.stringify(limits)} ${limit}`).toEqual(expected);
            expect(pages.every((page) => page.length <= limit)).toBe(true);
          }
        }
      }
    }
  });

  it("stops at its budget with where it got to, and reports how far a forward scan reached", async () => {
    const { events } = await appendEvents(db(), { events: Array.from({ length: 30 }, () => ({ type: "Far.Miss" })) });
    const head = events.at(-1)!.position;
    const where = searchConditions("type:Far.Nothing");
    const cut = await scanWindows(
      db(),
      { where, scope: "all-tenants", direction: "backward", limit: 10 },
      { firstWindow: 5, maxWindow: 5, budgetMs: 0 },
    );
    expect(cut).toEqual({ events: [], more: false, stoppedAt: String(Number(head) + 1 - 5), scannedTo: cut.stoppedAt });
    const forward = await scanWindows(
      db(),
      { where, scope: "all-tenants", direction: "forward", limit: 10, after: String(Number(head) - 20) },
      { firstWindow: 100, maxWindow: 100, budgetMs: 60_000 },
    );
    expect(forward).toEqual({ events: [], more: false, stoppedAt: null, scannedTo: head });
  });
});
