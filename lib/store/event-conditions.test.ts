import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { describeEachDatabase } from "../testing/test-database";
import { containsPhrase } from "./event-conditions";

describeEachDatabase("free-text search", (db) => {
  it("reads an event's indexed document with one primary-key probe of event_search", async () => {
    const plan = await db().transaction(async (tx) => {
      await tx.exec("SET LOCAL enable_seqscan = off");
      return tx.query<{ "QUERY PLAN": unknown }>(Prisma.sql`
        EXPLAIN (FORMAT JSON) SELECT e.position FROM events e WHERE ${containsPhrase("declined")}`);
    });
    expect(JSON.stringify(plan)).toContain('"Index Name":"event_search_pkey"');
  });
});
