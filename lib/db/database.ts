import "server-only";
import type { Prisma, PrismaClient } from "./generated/client";

export type Row = Record<string, unknown>;

/** A statement built with Prisma's `sql` tag (`Prisma.sql`), which numbers parameters as $1, $2, …. */
export type Statement = Prisma.Sql;

/** Anything that runs parameterised statements: the database itself or an open transaction. */
export interface Queryable {
  query<T extends object = Row>(statement: Statement): Promise<T[]>;
}

/** An open transaction. `exec` runs a parameterless, possibly multi-statement script. */
export interface Tx extends Queryable {
  exec(script: string): Promise<Row[]>;
  /**
   * Runs `statement` as the transaction's last and commits it, on PostgreSQL in one message (the
   * statement inlined: see {@link inlineStatement}); `transaction` then commits nothing more.
   */
  commitWith(statement: Statement): Promise<void>;
}

/** Which engine sits behind a {@link Database}. Both speak the same SQL and run the same migrations. */
export type DatabaseKind = "pglite" | "postgres";

/** A pool's connections: open ones, the idle among them, and callers waiting for one. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/**
 * An open database. Store verbs run SQL on the native driver (pg or PGlite) through `query`:
 * measured here, Prisma's raw-query path costs about 7x the driver on a 500-row insert. The
 * Prisma client stays for the schema, generated types and simple non-hot-path queries.
 */
export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** Connection pool use now (PostgreSQL); absent on PGlite, which has one connection and no pool. */
  stats?(): PoolStats;
  /**
   * Runs `work` in one transaction on one connection; commits if it resolves, rolls back if it
   * throws. With `lock`, the transaction first takes that transaction-scoped advisory lock: on
   * PostgreSQL in the same message as BEGIN, one round trip fewer than a statement of its own.
   * With `beginWithFirst`, BEGIN (and the lock) wait for the first statement and go in its message,
   * inlined: a round trip fewer again; that statement's text must hold no `$` of its own.
   * With `indexesOnly`, the planner avoids sequential scans and JIT in this transaction (SET LOCAL,
   * in the same message): for short transactions whose every statement is an index lookup, so that
   * missing or stale statistics cannot turn one into a scan of the whole table.
   */
  transaction<T>(
    work: (tx: Tx) => Promise<T>,
    options?: { lock?: bigint; beginWithFirst?: boolean; indexesOnly?: boolean },
  ): Promise<T>;
  /**
   * Runs `COPY (…) TO STDOUT` (text format; the statement takes no parameters) and returns its
   * bytes, in a buffer of their own (transferable to a worker), and the row count. PostgreSQL only:
   * PGlite has no COPY to the client.
   */
  copyOut?(statement: Statement): Promise<{ bytes: Uint8Array; rows: number }>;
  close(): Promise<void>;
}
