import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Database } from "../db/database";
import { getDatabase } from "../db/get-database";
import type { TenantScope } from "../store/tenant-scope";
import { type Principal, scopeOf } from "./principal";
import { resolveSession, SESSION_COOKIE } from "./sessions";

/** The signed-in principal of this request, or null. Resolved once per request. */
const currentPrincipal = cache(async (): Promise<Principal | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return resolveSession(await getDatabase(), token);
});

/**
 * The signed-in principal, or null: for what runs in the background of a page (the search box's
 * suggestions), where a redirect to sign-in would take the reader off a page they are typing in.
 */
export async function signedInPrincipal(): Promise<Principal | null> {
  return currentPrincipal();
}

/** For pages: the signed-in principal, or a redirect to sign-in that comes back here afterwards. */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await currentPrincipal();
  if (principal) return principal;
  const back = (await headers()).get("x-trailbook-path") ?? "/";
  redirect(`/sign-in?next=${encodeURIComponent(back)}`);
}

/** What a page works with, as API handlers get it: who, the database, and the tenants they may read. */
export interface PageContext {
  principal: Principal;
  db: Database;
  scope: TenantScope;
}

/** For pages: the context of the signed-in reader (or a redirect to sign-in). */
export async function pageContext(): Promise<PageContext> {
  const principal = await requirePrincipal();
  return { principal, db: await getDatabase(), scope: scopeOf(principal) };
}
