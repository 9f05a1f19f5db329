"use client";

import { useActionState } from "react";
import { type SignInState, signIn } from "@/lib/actions/session-actions";
import styles from "./sign-in.module.css";

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, { error: null });
  return (
    <form action={action} className={styles.form}>
      <input type="hidden" name="next" value={next} />
      <label htmlFor="key">API key</label>
      <input
        id="key"
        name="key"
        type="password"
        autoComplete="off"
        required
        // biome-ignore lint/a11y/noAutofocus: the page exists for this one field; focus saves a click and skips nothing
        autoFocus
        placeholder="tb_…"
        aria-describedby="key-help"
      />
      <p id="key-help" className={styles.help}>
        A key with the <code>read</code> scope. You see exactly what the key may read (its tenant only, if it has one).
      </p>
      {state.error && (
        <p role="alert" className={styles.error}>
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
