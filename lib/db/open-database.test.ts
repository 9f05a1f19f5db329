import { expect, it } from "vitest";
import { describeEachDatabase } from "../testing/test-database";
import { Prisma } from "./generated/client";

const STATEMENTS = 200;

/** Runs `work`, counting with `done`; returns the count when a timer set at the start got to run. */
async function countWhenTimerFires(work: (done: () => void) => Promise<unknown>): Promise<number> {
  let count = 0;
  const running = work(() => count++);
  const seen = await new Promise<number>((resolve) => setTimeout(() => resolve(count), 0));
  await running;
  expect(count).toBe(STATEMENTS);
  return seen;
}

// The server's one thread also reads requests, fires timers and hands out concurrency slots: a
// stream of statements must let it do so between them (PGlite runs them in this very thread).
describeEachDatabase("statements leave the event loop free", (db) => {
  it("between one caller's back-to-back statements", async () => {
    const seen = await countWhenTimerFires(async (done) => {
      for (let i = 0; i < STATEMENTS; i++) {
        await db().query(Prisma.sql`SELECT ${i}::int AS i`);
        done();
      }
    });
    expect(seen).toBeLessThan(STATEMENTS);
  });

  it("between statements and transactions queued by many callers", async () => {
    const seen = await countWhenTimerFires((done) =>
      Promise.all(
        Array.from({ length: STATEMENTS }, async (_, i) => {
          const statement = Prisma.sql`SELECT ${i}::int AS i`;
          await (i % 2 === 0 ? db().query(statement) : db().transaction((tx) => tx.query(statement)));
          done();
        }),
      ),
    );
    expect(seen).toBeLessThan(STATEMENTS);
  });
});

describeEachDatabase("transaction({ lock })", (db) => {
  it("holds the advisory lock from the first statement of the transaction until it ends", async () => {
    const key = 982_451_653n;
    const held = Prisma.sql`SELECT count(*)::int AS n FROM pg_locks
      WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
        AND ((classid::bigint << 32) | objid::bigint) = ${key}::bigint`;
    const inside = await db().transaction(async (tx) => (await tx.query<{ n: number }>(held))[0]!.n, { lock: key });
    expect(inside).toBe(1);
    expect(await db().transaction(async (tx) => (await tx.query<{ n: number }>(held))[0]!.n)).toBe(0);
  });
});
