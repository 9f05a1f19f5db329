import { expect, it } from "vitest";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";

describeEachDatabase("the database refuses to change history", (db) => {
  it.each([
    ["UPDATE events SET type = 'Forged'", /UPDATE on events is refused/],
    ["DELETE FROM events", /DELETE on events is refused/],
    ["TRUNCATE events CASCADE", /TRUNCATE on (events|stream_events) is refused/],
    ["UPDATE stream_events SET version = version + 100", /UPDATE on stream_events is refused/],
    ["DELETE FROM stream_events", /DELETE on stream_events is refused/],
    ["TRUNCATE stream_events", /TRUNCATE on stream_events is refused/],
  ])("%s", async (sql, refusal) => {
    await appendEvents(db(), { stream: "Guarded", events: [{ type: "Kept" }] });
    const before = await db().transaction((tx) => tx.exec("SELECT count(*)::int AS n FROM stream_events"));
    await expect(db().transaction((tx) => tx.exec(sql))).rejects.toThrow(refusal);
    const after = await db().transaction((tx) => tx.exec("SELECT count(*)::int AS n FROM stream_events"));
    expect(after).toEqual(before);
  });
});
