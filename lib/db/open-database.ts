import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { copyOut } from "./copy-out";
import type { Database, Row, Statement, Tx } from "./database";
import { PrismaClient } from "./generated/client";
import { inlineStatement } from "./inline-statement";
import { INDEXES_ONLY, openPGlite } from "./open-pglite";

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number; statementTimeoutMs?: number }
  /** `dataDir` undefined means an in-memory database (tests). */
  | { kind: "pglite"; dataDir?: string };

/** pg returns an array of results for a multi-statement script and a single result otherwise. */
function lastRows(result: pg.QueryResult | pg.QueryResult[]): Row[] {
  return (Array.isArray(result) ? result.at(-1)?.rows : result.rows) ?? [];
}

/** Opens PostgreSQL through a pg pool, or PGlite in this process; both also behind a Prisma client. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres"
    ? openPostgres(target.url, target.poolSize ?? 10, target.statementTimeoutMs ?? 0)
    : openPGlite(target.dataDir);
}

function openPostgres(url: string, poolSize: number, statementTimeoutMs: number): Database {
  // statement_timeout is set per connection at start-up: PostgreSQL itself stops a statement that
  // runs longer, even if this process is busy, and frees its backend (SQLSTATE 57014).
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(statementTimeoutMs > 0 && { statement_timeout: statementTimeoutMs }),
  });
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
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async transaction(work, options = {}) {
      const client = await pool.connect();
      // A bigint, so the script cannot carry anything but digits.
      const begin = [
        "BEGIN",
        ...(options.indexesOnly ? [INDEXES_ONLY] : []),
        ...(options.lock === undefined ? [] : [`SELECT pg_advisory_xact_lock(${BigInt(options.lock)})`]),
      ].join("; ");
      let state: "idle" | "open" | "committed" = "idle";
      /** Sends `script` after BEGIN in one message if the transaction has not begun. */
      const send = async (script: string) => {
        const opening = state === "idle";
        state = "open";
        return lastRows(await client.query(opening ? `${begin}; ${script}` : script));
      };
      try {
        if (!options.beginWithFirst) {
          state = "open";
          await client.query(begin);
        }
        const run = runOn(client);
        const tx: Tx = {
          query: async <T extends object>(statement: Statement) =>
            state === "idle" ? ((await send(inlineStatement(statement))) as T[]) : run<T>(statement),
          exec: send,
          async commitWith(statement) {
            await send(`${inlineStatement(statement)}; COMMIT`);
            state = "committed";
          },
        };
        const result = await work(tx);
        if (state === "open") await client.query("COMMIT");
        return result;
      } catch (error) {
        if (state === "open") await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    copyOut: (statement) => copyOut(pool, statement),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
