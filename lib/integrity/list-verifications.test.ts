import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { appendEvents } from "../store/append-events";
import { describeEachDatabase } from "../testing/test-database";
import { listVerifications } from "./list-verifications";
import { runVerification } from "./run-verification";

describeEachDatabase("the verification log", (db) => {
  it("shows whole-log runs with who ran them and over what; a range run never reads as a verified log", async () => {
    await appendEvents(db(), { events: Array.from({ length: 5 }, (_, i) => ({ type: "Logged", data: { i } })) });
    await runVerification(db(), "cli");
    await runVerification(db(), "0d9f6b3e-7a56-4f1a-9c2e-2b8f7c1a4d10", { from: "4", to: "4" });
    // A row from before runs recorded their range and runner: it cannot say what it covered.
    await db().query(Prisma.sql`
      INSERT INTO verifications (id, started_at, finished_at, ok, checked, head_position, first_bad, checkpoints_ok)
      VALUES (gen_random_uuid(), now(), now() + interval '1 hour', true, 1, 1, NULL, 0)`);
    const runs = await listVerifications(db(), 10);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true, checked: 5, headPosition: "5", verifiedBy: "cli" });
    const rows = await db().query<{ whole_log: boolean | null; from_position: string | null; verified_by: string }>(
      Prisma.sql`SELECT whole_log, from_position::text AS from_position, verified_by FROM verifications
                  ORDER BY finished_at`,
    );
    expect(rows.slice(0, 2)).toEqual([
      { whole_log: true, from_position: "1", verified_by: "cli" },
      { whole_log: false, from_position: "4", verified_by: "0d9f6b3e-7a56-4f1a-9c2e-2b8f7c1a4d10" },
    ]);
  });

  it.each([
    ["UPDATE verifications SET ok = true", /UPDATE on verifications is refused/],
    ["DELETE FROM verifications", /DELETE on verifications is refused/],
    ["TRUNCATE verifications", /TRUNCATE on verifications is refused/],
  ])("refuses %s: a failed run cannot be turned into a passed one, nor dropped", async (sql, refusal) => {
    await runVerification(db(), "cli");
    const count = () => db().transaction((tx) => tx.exec("SELECT count(*)::int AS n FROM verifications"));
    const before = await count();
    await expect(db().transaction((tx) => tx.exec(sql))).rejects.toThrow(refusal);
    expect(await count()).toEqual(before);
  });
});
