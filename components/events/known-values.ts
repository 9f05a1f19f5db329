"use client";

import { useEffect, useState } from "react";
import type { KnownValues } from "@/lib/query/suggest-terms";

/**
 * Values the facets counted for the current search, for the search box's autocomplete: the facets
 * load after the box (in their own Suspense boundary), so they announce them on `window`.
 */
const KNOWN_VALUES = "trailbook:known-values";
let latest: KnownValues = {};

export function publishKnownValues(values: KnownValues): void {
  latest = values;
  window.dispatchEvent(new CustomEvent<KnownValues>(KNOWN_VALUES, { detail: values }));
}

export function useKnownValues(): KnownValues {
  const [values, setValues] = useState<KnownValues>(latest);
  useEffect(() => {
    const listener = (event: Event) => setValues((event as CustomEvent<KnownValues>).detail);
    window.addEventListener(KNOWN_VALUES, listener);
    setValues(latest);
    return () => window.removeEventListener(KNOWN_VALUES, listener);
  }, []);
  return values;
}
