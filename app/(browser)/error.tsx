"use client";

/** Shown when a page fails on the server. The details stay in the server log (digest links them). */
export default function BrowserError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" style={{ padding: "2rem 0" }}>
      <h1 style={{ fontSize: "1.1rem" }}>This page could not be loaded.</h1>
      <p style={{ color: "var(--muted)" }}>
        The error was logged on the server{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
