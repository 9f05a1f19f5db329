"use client";

import { useTimeZone } from "./time-zone";

/** The name of the zone times are shown in ("UTC", "Europe/Berlin"), for column headers and labels. */
export function ZoneName() {
  return <>{useTimeZone()}</>;
}
