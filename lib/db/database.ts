import "server-only";
import type { Prisma, PrismaClient } from "./generated/client";

/** The client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/** Which engine sits behind a {@link Database}. Both speak the same SQL and run the same migrations. */
export type DatabaseKind = "pglite" | "postgres";

export type ScriptRunner = (sql: string) => Promise<Record<string, unknown>[]>;

/** An open database: the Prisma client for queries, plus a script runner for migrations. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /**
   * Runs `work` in one transaction on one connection, handing it a runner for parameterless,
   * possibly multi-statement SQL scripts (migrations, test fixtures). Returns the last result's rows.
   */
  scriptTransaction<T>(work: (run: ScriptRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Interactive-transaction limits. Appends queue on one advisory lock, so under heavy
 * concurrency a transaction can legitimately wait seconds for its turn.
 */
export const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 60_000 } as const;
