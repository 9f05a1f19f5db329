"use server";

import { hasScope, scopeOf } from "../auth/principal";
import { signedInPrincipal } from "../auth/require-principal";
import { getDatabase } from "../db/get-database";
import { AppError } from "../errors";
import { inSlot } from "../http/concurrency-limit";
import { type FieldValues, suggestFieldValues } from "../query/suggest-field-values";
import { isSuggestedField } from "../query/suggest-terms";

/**
 * Server action for the search box: the values of `field` starting with `prefix`, within what the
 * reader's key may read (its tenant only, for a tenant-bound key), from the whole log. An action
 * like the page's others: Next checks its Origin, the session cookie authorises it, and the
 * browser sends one at a time. It takes a `suggest` slot, never the key's search slot (see
 * concurrency-limit.ts), and answers null rather than an error when there is nothing to say:
 * signed out, a field without values, a prefix the database cannot take, or the key's two
 * lookups already running (the next keystroke asks again).
 */
export async function suggestValues(field: unknown, prefix: unknown): Promise<FieldValues | null> {
  if (!isSuggestedField(field) || typeof prefix !== "string") return null;
  const principal = await signedInPrincipal();
  if (!principal || !hasScope(principal, "read")) return null;
  try {
    const db = await getDatabase();
    return await inSlot(principal, "suggest", () => suggestFieldValues(db, scopeOf(principal), field, prefix));
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}
