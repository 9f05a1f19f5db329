"use client";

import { useEffect, useRef } from "react";
import styles from "./search.module.css";

export interface QueryProblem {
  message: string;
  /** Where in the query the problem is; absent when it is not the query's fault (the server is busy). */
  position?: number;
}

/**
 * The one search box. A plain GET form: submitting drops the cursor, so a new search starts at
 * the newest event. `/` focuses it from anywhere. A syntax error is shown under the query, with a
 * caret at the offending character.
 */
export function SearchBox({ q, problem, action = "/" }: { q: string; problem?: QueryProblem | null; action?: string }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
      if (event.key === "/" && !typing && !event.metaKey && !event.ctrlKey) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <search>
      <form action={action} method="get" className={styles.form}>
        <label htmlFor="q" className={styles.label}>
          Search
        </label>
        <input
          ref={input}
          id="q"
          name="q"
          defaultValue={q}
          key={q}
          className={styles.input}
          placeholder='type:Order* actor:user-42 recorded:>=2026-01-01 "card declined"   (press / to focus)'
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "q-problem" : undefined}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className={styles.button}>
          Search
        </button>
        {problem && (
          <div id="q-problem" role="alert" className={styles.problem}>
            {problem.position !== undefined && (
              <pre className={styles.caret} aria-hidden="true">
                {q}
                {"\n"}
                {" ".repeat(Math.min(problem.position, q.length))}^
              </pre>
            )}
            <span>{problem.message}</span>
          </div>
        )}
      </form>
    </search>
  );
}
