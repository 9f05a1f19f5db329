import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "../db/get-database";
import type { Principal } from "./principal";
import { resolveSession, SESSION_COOKIE } from "./sessions";

/** The signed-in principal of this request, or null. Resolved once per request. */
export const currentPrincipal = cache(async (): Promise<Principal | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return resolveSession(await getDatabase(), token);
});

/** For pages: the signed-in principal, or a redirect to sign-in that comes back here afterwards. */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await currentPrincipal();
  if (principal) return principal;
  const back = (await headers()).get("x-trailbook-path") ?? "/";
  redirect(`/sign-in?next=${encodeURIComponent(back)}`);
}
