"use server";

import { revalidatePath } from "next/cache";
import { requireScope, scopeOf } from "../auth/principal";
import { requirePrincipal } from "../auth/require-principal";
import { getDatabase } from "../db/get-database";
import type { TenantScope } from "../store/tenant-scope";
import { setSubscriptionStatus } from "../subscriptions/set-subscription-status";

/**
 * Server action: pauses or resumes a subscription (a key with `subscribe` may; Next refuses a
 * foreign Origin). A key bound to no tenant sees every tenant's subscriptions on the page and may
 * address any of them by its tenant; a tenant-bound key only its own, whatever the form says.
 */
export async function changeSubscriptionStatus(form: FormData): Promise<void> {
  const principal = await requirePrincipal();
  requireScope(principal, "subscribe");
  const tenant = String(form.get("tenant") ?? "");
  const scope: TenantScope = principal.tenant === null && tenant ? { tenant } : scopeOf(principal);
  const change = form.get("change") === "pause" ? "pause" : "resume";
  await setSubscriptionStatus(await getDatabase(), scope, String(form.get("name") ?? ""), change);
  revalidatePath("/subscriptions");
}
