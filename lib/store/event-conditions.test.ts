import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { describeEachDatabase } from "../testing/test-database";
import { containsPhrase } from "./event-conditions";

describeEachDatabase("free-text search", (db) => {
  it("uses the expression of events_fulltext_idx, so the index answers it", async () => {
    // With sequential scans priced out, only an index on the very same expression can serve the
    // condition: if FULLTEXT drifts from the migration's index expression, the plan has no index.
    const plan = await db().transaction(async (tx) => {
      await tx.exec("SET LOCAL enable_seqscan = off");
      return tx.query<{ "QUERY PLAN": unknown }>(Prisma.sql`
        EXPLAIN (FORMAT JSON) SELECT e.position FROM events e WHERE ${containsPhrase("declined")}`);
    });
    expect(JSON.stringify(plan)).toContain('"Index Name":"events_fulltext_idx"');
  });
});
