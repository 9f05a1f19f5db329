import { generateKeyPairSync } from "node:crypto";
import { expect, it } from "vitest";
import { configFrom } from "../config";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { appendEvents } from "../store/append-events";
import { describeEachDatabase } from "../testing/test-database";
import { signTreeHead } from "./sign-tree-head";
import { loadSigningKey } from "./signing-key";
import { treeHeadIfDue } from "./tree-head-if-due";

const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const key = loadSigningKey(
  configFrom({ TRAILBOOK_SIGNING_KEY: pem, TRAILBOOK_DATA_DIR: process.env.TRAILBOOK_DATA_DIR }),
);

/** The same database, counting the statements run through it. */
function counting(db: Database): { db: Database; statements: () => number } {
  let count = 0;
  const wrapped: Database = Object.create(db, {
    query: {
      value: (statement: Prisma.Sql) => {
        count++;
        return db.query(statement);
      },
    },
  });
  return { db: wrapped, statements: () => count };
}

const heads = async (db: Database) =>
  (await db.query<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM tree_heads`))[0]!.n;
const append = async (db: Database, n: number) =>
  Number(
    (await appendEvents(db, { events: Array.from({ length: n }, () => ({ type: "T" })) })).events.at(-1)!.position,
  );

describeEachDatabase("treeHeadIfDue for a writer", (db) => {
  const policy = { every: 5, maxAgeMs: 60_000 };

  it("reads nothing while the newest head this process saw says nothing is due", async () => {
    const { db: watched, statements } = counting(db());
    await treeHeadIfDue(watched, key, policy, await append(db(), 1)); // no head yet: signs
    expect(await heads(db())).toBe(1);
    const before = statements();
    await treeHeadIfDue(watched, key, policy, await append(db(), 4)); // 4 past the head: not due
    expect(statements()).toBe(before);
    expect(await heads(db())).toBe(1);
    await treeHeadIfDue(watched, key, policy, await append(db(), 1)); // 5 past it: due
    expect(await heads(db())).toBe(2);
  });

  it("reads the newest head before signing, so a head another process signed is not doubled", async () => {
    const { db: watched } = counting(db());
    await treeHeadIfDue(watched, key, policy, await append(db(), 1)); // this process sees the newest head
    const size = await append(db(), 5); // due by what this process saw last
    await signTreeHead(db(), key); // …but another process has signed at this size meanwhile
    const signed = await heads(db());
    await treeHeadIfDue(watched, key, policy, size);
    expect(await heads(db())).toBe(signed);
  });

  it("signs once the newest head is older than maxAge, however few events followed it", async () => {
    const { db: watched } = counting(db());
    const size = await append(db(), 1);
    await treeHeadIfDue(watched, key, { every: 1000, maxAgeMs: 60_000 }, size);
    const signed = await heads(db());
    await treeHeadIfDue(watched, key, { every: 1000, maxAgeMs: 0 }, await append(db(), 1));
    expect(await heads(db())).toBe(signed + 1);
  });
});
