"use client";

import { useEffect, useRef, useState } from "react";
import { suggestValues } from "@/lib/actions/suggest-action";
import type { KnownValues, SuggestedField } from "@/lib/query/suggest-terms";

/** Asks only once typing pauses this long: a lookup per pause, not per keystroke. */
const DEBOUNCE_MS = 150;
/** How long an answer is reused: values recorded since then show up after this. */
const FRESH_MS = 60_000;

interface Answer {
  values: string[];
  complete: boolean;
  at: number;
}

const keyOf = (field: string, prefix: string) => `${field}:${prefix}`;

/**
 * What is known for `prefix` without asking: an answer for it, or the complete answer for a
 * shorter prefix narrowed to it (`final`); else the longest shorter prefix's answer narrowed, to
 * show while the lookup runs.
 */
function lookup(answers: Map<string, Answer>, field: string, prefix: string) {
  const now = Date.now();
  for (let length = prefix.length; length >= 0; length--) {
    const answer = answers.get(keyOf(field, prefix.slice(0, length)));
    if (!answer || now - answer.at > FRESH_MS) continue;
    const values = length === prefix.length ? answer.values : answer.values.filter((v) => v.startsWith(prefix));
    return { values, final: length === prefix.length || answer.complete };
  }
  return null;
}

/**
 * The values of the field under the caret that start with what is typed, from the whole log
 * within the reader's scope, whatever the current search (lib/actions/suggest-action.ts). Lookups
 * are debounced, and none is made when an answer is known: a prefix already asked, or one that
 * narrows a complete answer (typing `type:Or` after `type:O` said it had every value).
 */
export function useFieldValues(at: { field: SuggestedField; prefix: string } | null): KnownValues {
  const answers = useRef(new Map<string, Answer>());
  const [, setAnswered] = useState(0);
  const field = at?.field;
  const prefix = at?.prefix;
  const known = field === undefined || prefix === undefined ? null : lookup(answers.current, field, prefix);
  const needed = field !== undefined && !known?.final;
  useEffect(() => {
    if (!needed || field === undefined || prefix === undefined) return;
    const timer = setTimeout(async () => {
      // Null: nothing to say (signed out, the key's lookups busy): the next keystroke asks again.
      const answer = await suggestValues(field, prefix).catch(() => null);
      if (!answer) return;
      if (answers.current.size >= 500) answers.current.clear(); // a long session's prefixes, dropped at once
      answers.current.set(keyOf(field, prefix), { ...answer, at: Date.now() });
      setAnswered((n) => n + 1);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [needed, field, prefix]);
  return field && known ? { [field]: known.values } : {};
}
