"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { sameOriginPath } from "../auth/same-origin-path";
import { endSession, SESSION_COOKIE, SESSION_HOURS, startSession } from "../auth/sessions";
import { clientAddress } from "../auth/sign-in-throttle";
import { getDatabase } from "../db/get-database";
import { AppError } from "../errors";

export interface SignInState {
  error: string | null;
}

/**
 * Server action (Next checks its Origin, so it is CSRF-safe): exchanges a key for a session cookie.
 * Failed sign-ins are throttled per client address and overall; the form then says how long to wait.
 */
export async function signIn(_state: SignInState, form: FormData): Promise<SignInState> {
  const key = String(form.get("key") ?? "");
  if (!key.trim()) return { error: "Paste an API key with the read scope." };
  try {
    const request = await headers();
    const address = clientAddress(request.get("x-forwarded-for"));
    const { token } = await startSession(await getDatabase(), key, address);
    const secure = request.get("x-forwarded-proto") === "https";
    (await cookies()).set(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/",
      maxAge: SESSION_HOURS * 3600,
    });
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  redirect(sameOriginPath(form.get("next")));
}

/** Server action: ends the session in the database (a copied cookie stops working too). */
export async function signOut(): Promise<void> {
  const store = await cookies();
  await endSession(await getDatabase(), store.get(SESSION_COOKIE)?.value);
  store.delete(SESSION_COOKIE);
  redirect("/sign-in");
}
