"use client";

import { relativeTime } from "@/lib/format/relative-time";
import { zonedClock } from "@/lib/format/zoned-clock";
import { useTimeZone } from "./time-zone";
import { useNow } from "./use-now";
import { absoluteTitle } from "./utc-time";

/**
 * "3 min ago", with the exact time (in the zone in force, and as UTC) on hover and in `dateTime`.
 * Beyond 30 days it shows the date in the zone in force. The server renders it with its clock and
 * the browser with its own, so the text may differ by a tick at hydration (warning suppressed).
 */
export function RelativeTime({ iso }: { iso: string }) {
  const zone = useTimeZone();
  const now = useNow();
  const text = relativeTime(iso, now) ?? zonedClock(iso, zone).clock.slice(0, 10);
  return (
    <time dateTime={iso} title={absoluteTitle(iso, zone)} suppressHydrationWarning>
      {text}
    </time>
  );
}
