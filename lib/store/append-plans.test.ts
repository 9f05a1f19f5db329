import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { storedEvents } from "./append-group";
import { APPEND_TRANSACTION } from "./append-lock";
import { appendContextStatement } from "./read-append-context";

// An append looks events up by id (replays, conflicts, causes). The unique index is on (id, tenant),
// so without statistics (a database whose autovacuum is off, as on these machines, or one just
// restored) PostgreSQL guessed hundreds of rows per id and read the whole table instead: on a
// 1,000,000-event store every group with ids or causes took ~170 ms, and appends slowed as the log grew.
describeEachDatabase("an append's lookups by id", (db) => {
  it("use the indexes whatever the table's statistics say", async () => {
    const ids: string[] = [];
    for (let batch = 0; batch < 40; batch++) {
      const { events } = await appendEvents(db(), {
        events: Array.from({ length: 500 }, (_, i) => ({ type: "plan.probe", data: { i } })),
      });
      ids.push(...events.filter((_, i) => i % 50 === 0).map((event) => event.id));
    }
    const plans = await db().transaction(async (tx) => {
      const explain = async (statement: Prisma.Sql) =>
        (await tx.query<{ "QUERY PLAN": string }>(Prisma.sql`EXPLAIN ${statement}`)).map((row) => row["QUERY PLAN"]);
      return [...(await explain(storedEvents(ids))), ...(await explain(appendContextStatement(["s"], ids, [])))];
    }, APPEND_TRANSACTION);
    expect(plans.join("\n")).toContain("events_id_tenant_key");
    expect(plans.join("\n")).not.toMatch(/Seq Scan on events/);
  }, 60_000);
});
