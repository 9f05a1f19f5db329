import { Prisma } from "../db/generated/client";

/**
 * Which tenants' events a read may see. Required by every read verb, never defaulted: forgetting
 * it must not silently read every tenant. It comes from the caller's key (lib/auth `scopeOf`).
 */
export type TenantScope = { tenant: string } | "all-tenants";

/** `e.tenant = …` for one tenant, nothing for all: no `IS NULL OR` for the planner to guess about. */
export function scopeConditions(scope: TenantScope): Prisma.Sql[] {
  return scope === "all-tenants" ? [] : [Prisma.sql`e.tenant = ${scope.tenant}`];
}

/** `WHERE a AND b …`, or nothing when there are no conditions. */
export function whereAll(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/** `AND e.tenant = …` to append to a join or WHERE clause, or nothing for all tenants. */
export function andInScope(scope: TenantScope): Prisma.Sql {
  return scope === "all-tenants" ? Prisma.empty : Prisma.sql`AND e.tenant = ${scope.tenant}`;
}
