"use client";

import { useEffect, useState } from "react";

/** The same instant in the reader's own time zone, rendered in the browser (the server cannot know it). */
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const date = new Date(iso);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    setText(`${date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })} (${zone})`);
  }, [iso]);
  return <span>{text ?? "…"}</span>;
}
