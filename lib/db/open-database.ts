import "server-only";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockDataDir } from "./data-dir-lock";
import type { Database, Row, Statement, Tx } from "./database";
import { PrismaClient } from "./generated/client";

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  /** `dataDir` undefined means an in-memory database (tests). */
  | { kind: "pglite"; dataDir?: string };

/** pg returns an array of results for a multi-statement script and a single result otherwise. */
function lastRows(result: pg.QueryResult | pg.QueryResult[]): Row[] {
  return (Array.isArray(result) ? result.at(-1)?.rows : result.rows) ?? [];
}

/** Opens PostgreSQL through a pg pool, or PGlite in this process; both also behind a Prisma client. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres" ? openPostgres(target.url, target.poolSize ?? 10) : openPGlite(target.dataDir);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const runOn =
    (client: pg.Pool | pg.PoolClient) =>
    async <T extends object>(statement: Statement) =>
      (await client.query(statement.text, statement.values)).rows as T[];
  return {
    kind: "postgres",
    prisma,
    query: runOn(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const tx: Tx = { query: runOn(client), exec: async (script) => lastRows(await client.query(script)) };
        const result = await work(tx);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  // Also release on a plain process exit (Ctrl-C, SIGTERM from `next start`), not only on close().
  const release = () => {
    process.off("exit", release);
    unlock();
  };
  process.on("exit", release);
  try {
    const pglite = await PGlite.create(dataDir);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    const runOn =
      (client: PGlite | Transaction) =>
      async <T extends object>(statement: Statement) =>
        (await client.query<T>(statement.text, statement.values)).rows;
    return {
      kind: "pglite",
      prisma,
      query: runOn(pglite),
      // PGlite has one connection: its transaction() queues every other query until this one ends.
      transaction: (work) =>
        pglite.transaction((client) =>
          work({
            query: runOn(client),
            exec: async (script) => ((await client.exec(script)).at(-1)?.rows ?? []) as Row[],
          }),
        ),
      async close() {
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
