"use client";

import { createContext, type ReactNode, useContext } from "react";
import { UTC } from "@/lib/format/time-zone";

const TimeZoneContext = createContext(UTC);

/**
 * The reader's one time-zone setting (UTC, or an IANA zone), read from its cookie by the layout,
 * so the server render and the browser show the same text. Outside the browser layout it is UTC.
 */
export function TimeZoneProvider({ zone, children }: { zone: string; children: ReactNode }) {
  return <TimeZoneContext value={zone}>{children}</TimeZoneContext>;
}

/** The zone every time is shown and typed in. */
export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}
