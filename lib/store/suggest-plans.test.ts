import { expect, it } from "vitest";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { listStreamPrefixes } from "./list-stream-prefixes";
import { listValuesStartingWith } from "./list-values-starting-with";

/** The plans of every statement `run` sends, run through EXPLAIN instead. */
async function plansOf(db: Database, run: (db: Database) => Promise<unknown>): Promise<string> {
  const plans: string[] = [];
  const explaining = Object.create(db) as Database;
  explaining.query = async <T extends object>(statement: Prisma.Sql) => {
    const rows = await db.query<{ "QUERY PLAN": string }>(Prisma.sql`EXPLAIN ${statement}`);
    plans.push(rows.map((row) => row["QUERY PLAN"]).join("\n"));
    return db.query<T>(statement);
  };
  await run(explaining);
  return plans.join("\n");
}

// The search box's lookups must stay index probes on any log: a scan of events or stream_events
// would cost a second per keystroke at 1,000,000 events (README, Search box suggestions).
describeEachDatabase("the search box's value lookups", (db) => {
  it("probe indexes and never scan events or stream_events", async () => {
    for (let batch = 0; batch < 10; batch++) {
      await appendEvents(db(), {
        events: Array.from({ length: 500 }, (_, i) => ({
          type: `plan.${i % 40}`,
          tenant: ["acme", "globex"][i % 2],
          actor: { id: `user-${i % 70}` },
          links: [`Order-${i % 2}-${batch * 500 + i}`],
        })),
      });
    }
    const cases: [(db: Database) => Promise<unknown>, string][] = [
      [(d) => listValuesStartingWith(d, "all-tenants", { field: "type", prefix: "plan.1", limit: 20 }), "events_type"],
      [(d) => listValuesStartingWith(d, { tenant: "acme" }, { field: "type", prefix: "", limit: 20 }), "tenant_type"],
      [(d) => listValuesStartingWith(d, "all-tenants", { field: "actor", prefix: "u", limit: 20 }), "events_actor_id"],
      [(d) => listValuesStartingWith(d, { tenant: "acme" }, { field: "actor", prefix: "", limit: 20 }), "tenant_actor"],
      [(d) => listValuesStartingWith(d, "all-tenants", { field: "tenant", prefix: "", limit: 20 }), "tenant_position"],
      [(d) => listStreamPrefixes(d, "all-tenants", { prefix: "Order-", limit: 20 }), "stream_events_"],
      [(d) => listStreamPrefixes(d, { tenant: "acme" }, { prefix: "Order-", limit: 20 }), "stream_events_"],
    ];
    for (const [run, index] of cases) {
      const plan = await plansOf(db(), run);
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/Seq Scan on (events|stream_events)/);
    }
  }, 120_000);
});
