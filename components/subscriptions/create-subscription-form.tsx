"use client";

import { useActionState, useState } from "react";
import { type CreateSubscriptionState, createSubscriptionFromForm } from "@/lib/actions/subscription-actions";
import styles from "./create-subscription-form.module.css";

const INITIAL: CreateSubscriptionState = { error: null, created: null, values: {} };

/**
 * Creates a subscription for the signed-in key's tenant: name, filter (search language), start and
 * delivery mode, with the receiver's URL for webhooks. A webhook's signing secret is shown here
 * once, right after creation; it lives only in this component's state, so a reload forgets it. After
 * a refusal the fields keep what was typed.
 */
export function CreateSubscriptionForm() {
  const [state, action, pending] = useActionState(createSubscriptionFromForm, INITIAL);
  const [mode, setMode] = useState("pull");
  const { values } = state;
  return (
    <form action={action} className={styles.form} aria-label="Create a subscription">
      <label>
        Name
        <input
          name="name"
          defaultValue={values.name}
          required
          maxLength={100}
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
          autoComplete="off"
        />
      </label>
      <label>
        Filter
        <input
          name="filter"
          defaultValue={values.filter}
          placeholder="type:Order* (empty: every event)"
          autoComplete="off"
        />
      </label>
      <label>
        Start
        <input
          name="start"
          defaultValue={values.start ?? "now"}
          placeholder="now, beginning or a position"
          autoComplete="off"
        />
      </label>
      <label>
        Mode
        <select name="mode" value={mode} onChange={(event) => setMode(event.target.value)}>
          <option value="pull">pull</option>
          <option value="webhook">webhook</option>
          <option value="nats">nats</option>
        </select>
      </label>
      {mode === "webhook" && (
        <label>
          URL
          <input
            name="url"
            type="url"
            defaultValue={values.url}
            required
            placeholder="https://receiver.example/hooks"
            autoComplete="off"
          />
        </label>
      )}
      <button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create"}
      </button>
      {state.error && (
        <p role="alert" className={styles.error}>
          {state.error}
        </p>
      )}
      {state.created && (
        <p role="status" className={styles.created}>
          Created {state.created.name}.
          {state.created.secret && (
            <>
              {" "}
              Its signing secret, shown only this once:{" "}
              <input readOnly aria-label="Signing secret" value={state.created.secret} className={styles.secret} />
            </>
          )}
        </p>
      )}
    </form>
  );
}
