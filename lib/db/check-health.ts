import "server-only";
import type { Database, DatabaseKind } from "./database";
import { Prisma } from "./generated/client";

export interface Health {
  status: "ok";
  database: DatabaseKind;
  migrations: number;
}

/** One round trip proving the database answers and has its migration history. */
export async function checkHealth(db: Database): Promise<Health> {
  const [row] = await db.query<{ migrations: number }>(
    Prisma.sql`SELECT count(*)::int AS migrations FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
  );
  return { status: "ok", database: db.kind, migrations: row?.migrations ?? 0 };
}
