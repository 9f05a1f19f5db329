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

describeEachDatabase("transaction({ beginWithFirst }) and commitWith", (db) => {
  const rows = async () =>
    (await db().query<{ v: string }>(Prisma.sql`SELECT v FROM tx_probe ORDER BY v`)).map((row) => row.v);
  const insert = (v: string) => Prisma.sql`INSERT INTO tx_probe (v) VALUES (${v})`;

  it("runs the first statement inside the transaction, under the lock, and commits with the last", async () => {
    await db().query(Prisma.sql`CREATE TABLE tx_probe (v text NOT NULL CHECK (v <> 'bad'))`);
    const key = 982_451_654n;
    const locks = await db().transaction(
      async (tx) => {
        const [first] = await tx.query<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
            AND ((classid::bigint << 32) | objid::bigint) = ${key}::bigint`);
        await tx.query(insert("a"));
        await tx.commitWith(insert("b"));
        return first!.n;
      },
      { lock: key, beginWithFirst: true },
    );
    expect(locks).toBe(1);
    expect(await rows()).toEqual(["a", "b"]);
  });

  it("rolls back the first statement when work fails, and all when commitWith's statement fails", async () => {
    await expect(
      db().transaction(
        async (tx) => {
          await tx.query(insert("c"));
          throw new Error("work failed");
        },
        { beginWithFirst: true },
      ),
    ).rejects.toThrow("work failed");
    await expect(
      db().transaction(
        async (tx) => {
          await tx.query(insert("d"));
          await tx.commitWith(insert("bad"));
        },
        { beginWithFirst: true },
      ),
    ).rejects.toThrow(/check constraint/);
    expect(await rows()).toEqual(["a", "b"]);
  });

  it("commits a transaction of commitWith alone, and leaves one with no statement harmless", async () => {
    await db().transaction((tx) => tx.commitWith(insert("e")), { beginWithFirst: true });
    await db().transaction(async () => {}, { beginWithFirst: true });
    await db().transaction((tx) => tx.commitWith(insert("f")));
    expect(await rows()).toEqual(["a", "b", "e", "f"]);
  });
});

describeEachDatabase("transaction({ indexesOnly })", (db) => {
  it("turns sequential scans and JIT off for that transaction only", async () => {
    const settings = Prisma.sql`SELECT current_setting('enable_seqscan') AS seqscan, current_setting('jit') AS jit`;
    const inside = await db().transaction((tx) => tx.query(settings), { indexesOnly: true, beginWithFirst: true });
    expect(inside).toEqual([{ seqscan: "off", jit: "off" }]);
    expect(await db().transaction((tx) => tx.query(settings))).toEqual([{ seqscan: "on", jit: expect.any(String) }]);
    expect(await db().transaction((tx) => tx.query(settings), { indexesOnly: true })).toEqual(inside);
  });
});
