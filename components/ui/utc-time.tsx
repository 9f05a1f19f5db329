"use client";

import { UTC } from "@/lib/format/time-zone";
import { offsetText, zonedClock } from "@/lib/format/zoned-clock";
import { useTimeZone } from "./time-zone";

/** The hover text of a time: the wall clock in the zone in force, and the stored UTC instant. */
export function absoluteTitle(iso: string, zone: string): string {
  if (zone === UTC) return `${iso} (UTC)`;
  const { clock, offset } = zonedClock(iso, zone);
  return `${clock.replace("T", " ")} ${zone} (UTC${offsetText(offset)}) = ${iso}`;
}

/**
 * A timestamp shown unambiguously, in the reader's time-zone setting: UTC unless they chose their
 * own zone (the name is kept because every page uses it). Compact text, or `full` with the zone
 * named; the UTC instant is always in `dateTime` and in the title.
 */
export function UtcTime({ iso, full = false }: { iso: string; full?: boolean }) {
  const zone = useTimeZone();
  const { clock } = zonedClock(iso, zone);
  const text = full ? `${clock.replace("T", " ")} ${zone}` : `${clock.slice(5, 10)} ${clock.slice(11, 23)}`;
  return (
    <time dateTime={iso} title={absoluteTitle(iso, zone)}>
      {text}
    </time>
  );
}
