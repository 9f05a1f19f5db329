import { Readable } from "node:stream";
import type pg from "pg";
import { expect, it } from "vitest";
import { copyOut } from "./copy-out";
import { Prisma } from "./generated/client";

/**
 * A client whose COPY stream ends (CopyDone) before the CommandComplete with the row count and the
 * ReadyForQuery arrive, as pg sees it when they come in a later packet.
 */
function poolWithLateCount(rows: number, text: string) {
  let released = false;
  const client = {
    query() {
      const stream = Object.assign(Readable.from([Buffer.from(text)]), {
        rowCount: 0,
        handleError() {},
        handleReadyForQuery() {},
      });
      stream.on("end", () =>
        setTimeout(() => {
          stream.rowCount = rows;
          stream.handleReadyForQuery();
        }, 20),
      );
      return stream;
    },
    release: () => {
      released = true;
    },
  };
  return { pool: { connect: async () => client } as unknown as pg.Pool, released: () => released };
}

it("reports the row count of a COPY whose count arrives after its data", async () => {
  const { pool, released } = poolWithLateCount(2, "1\ta\n2\tb\n");
  const copied = await copyOut(pool, Prisma.sql`COPY (SELECT 1) TO STDOUT`);
  expect(copied.rows).toBe(2);
  expect(Buffer.from(copied.bytes).toString()).toBe("1\ta\n2\tb\n");
  expect(released()).toBe(true);
});

it("takes no parameters", async () => {
  const { pool } = poolWithLateCount(0, "");
  await expect(copyOut(pool, Prisma.sql`COPY (SELECT ${1}) TO STDOUT`)).rejects.toThrow("COPY takes no parameters");
});
