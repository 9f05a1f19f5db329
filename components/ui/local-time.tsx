"use client";

import { useEffect, useState } from "react";
import { UTC } from "@/lib/format/time-zone";
import { zonedClock } from "@/lib/format/zoned-clock";
import { useTimeZone } from "./time-zone";

/**
 * The same instant in the other zone, shown beside a {@link UtcTime}: the reader's own zone while
 * times are shown in UTC (rendered in the browser: the server cannot know it), and UTC while they
 * are shown in the reader's zone. So a page always offers both, never the same one twice.
 */
export function LocalTime({ iso }: { iso: string }) {
  const zone = useTimeZone();
  const [own, setOwn] = useState<string | null>(null);
  useEffect(() => setOwn(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  const other = zone === UTC ? own : UTC;
  if (other === null) return <span>…</span>;
  return (
    <time dateTime={iso}>
      {zonedClock(iso, other).clock.replace("T", " ")} ({other})
    </time>
  );
}
