"use client";

import { useEffect, useRef, useState } from "react";
import { applySuggestion, suggestTerms, valueAt } from "@/lib/query/suggest-terms";
import { revealControls } from "@/lib/text/reveal-controls";
import styles from "./search.module.css";
import { SyntaxHelp } from "./syntax-help";
import { useFieldValues } from "./use-field-values";

export interface QueryProblem {
  message: string;
  /** Where in the query the problem is; absent when it is not the query's fault (the server is busy). */
  position?: number;
}

/**
 * The one search box. A plain GET form: submitting drops the cursor, so a new search starts at
 * the newest event. `/` focuses it from anywhere. A syntax error is shown under the query, with a
 * caret at the offending token. While typing, it suggests field names, relative times, and the
 * types, actors, tenants and stream prefixes the log holds within the reader's scope, whatever
 * the current search (an ARIA combobox: arrows move, Enter or Tab takes one, Esc closes).
 */
export function SearchBox({ q, problem, action = "/" }: { q: string; problem?: QueryProblem | null; action?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(q);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(-1);
  const known = useFieldValues(caret === null ? null : valueAt(value, caret));
  useEffect(() => setValue(q), [q]);
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
  const suggestions = caret === null ? null : suggestTerms(value, caret, known);
  const options = suggestions?.options ?? [];
  const choose = (option: string) => {
    const next = applySuggestion(value, suggestions!, option);
    setValue(next.q);
    setActive(-1);
    setCaret(next.caret);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  };
  const track = () => setCaret(input.current?.selectionStart ?? null);
  return (
    <search>
      <form action={action} method="get" className={styles.form}>
        <label htmlFor="q" className={styles.label}>
          Search
        </label>
        <div className={styles.combo}>
          <input
            ref={input}
            id="q"
            name="q"
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setActive(-1);
              track();
            }}
            onSelect={track}
            onBlur={() => setCaret(null)}
            onKeyDown={(event) => {
              if (options.length === 0) return;
              if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                event.preventDefault();
                const step = event.key === "ArrowDown" ? 1 : -1;
                setActive((i) => (i + step + options.length) % options.length);
              } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
                event.preventDefault();
                choose(options[active]!);
              } else if (event.key === "Escape") setCaret(null);
            }}
            className={styles.input}
            placeholder='type:Order* actor:user-42 recorded:>=now-1h "card declined"   (press / to focus)'
            role="combobox"
            aria-expanded={options.length > 0}
            aria-controls="q-suggestions"
            aria-autocomplete="list"
            aria-activedescendant={active >= 0 ? `q-option-${active}` : undefined}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "q-problem" : undefined}
            autoComplete="off"
            spellCheck={false}
          />
          <div id="q-suggestions" role="listbox" aria-label="Suggestions" className={styles.suggestions}>
            {options.map((option, i) => (
              <div
                key={option}
                id={`q-option-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(option);
                }}
              >
                {revealControls(option)}
              </div>
            ))}
          </div>
        </div>
        <button type="submit" className={styles.button}>
          Search
        </button>
        <SyntaxHelp />
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
