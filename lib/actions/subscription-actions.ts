"use server";

import { revalidatePath } from "next/cache";
import { requireScope, scopeOf } from "../auth/principal";
import { requirePrincipal } from "../auth/require-principal";
import { getDatabase } from "../db/get-database";
import { AppError } from "../errors";
import type { TenantScope } from "../store/tenant-scope";
import { createSubscription } from "../subscriptions/create-subscription";
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

/**
 * What the create form shows after a submit: why it failed (with what was typed, as React resets
 * the form after an action), or what was created (a webhook's secret, only now).
 */
export interface CreateSubscriptionState {
  error: string | null;
  created: { name: string; secret: string | null } | null;
  values: Partial<Record<"name" | "filter" | "start" | "url", string>>;
}

/**
 * Server action: creates a subscription from the Subscriptions page's form, through the same verb
 * and schema as `POST /api/subscriptions` (defaults for delivery options), for the key's tenant.
 * A webhook's signing secret is returned in the state, shown once and never stored in the page.
 */
export async function createSubscriptionFromForm(
  _state: CreateSubscriptionState,
  form: FormData,
): Promise<CreateSubscriptionState> {
  const principal = await requirePrincipal();
  const text = (field: string) => String(form.get(field) ?? "").trim();
  const mode = text("mode");
  const request = {
    name: text("name"),
    filter: text("filter"),
    start: text("start") || "now",
    mode,
    ...(mode === "webhook" && { webhook: { url: text("url") } }),
  };
  try {
    requireScope(principal, "subscribe");
    const created = await createSubscription(await getDatabase(), request, principal);
    revalidatePath("/subscriptions");
    return { error: null, created: { name: created.name, secret: created.secret ?? null }, values: {} };
  } catch (error) {
    if (error instanceof AppError) {
      const values = { name: request.name, filter: request.filter, start: request.start, url: text("url") };
      return { error: error.message, created: null, values };
    }
    throw error;
  }
}
