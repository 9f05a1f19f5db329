import "server-only";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockDataDir } from "./data-dir-lock";
import { TRANSACTION_OPTIONS, type Database } from "./database";
import { PrismaClient } from "./generated/client";

type Row = Record<string, unknown>;

/** pg returns an array of results for a multi-statement script and a single result otherwise. */
function lastRows(result: pg.QueryResult | pg.QueryResult[]): Row[] {
  return (Array.isArray(result) ? result.at(-1)?.rows : result.rows) ?? [];
}

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  /** `dataDir` undefined means an in-memory database (tests). */
  | { kind: "pglite"; dataDir?: string };

/** Opens PostgreSQL through a pg pool, or PGlite in this process, behind one Prisma client. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
    return {
      kind: "postgres",
      prisma,
      scriptTransaction: async (work) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const result = await work(async (sql) => lastRows(await client.query(sql)));
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  const release = target.dataDir ? lockDataDir(target.dataDir) : () => {};
  try {
    const pglite = await PGlite.create(target.dataDir);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions: TRANSACTION_OPTIONS });
    return {
      kind: "pglite",
      prisma,
      scriptTransaction: (work) =>
        pglite.transaction((tx) => work(async (sql) => ((await tx.exec(sql)).at(-1)?.rows ?? []) as Row[])),
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
