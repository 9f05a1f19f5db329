"use server";

import { cookies } from "next/headers";
import { parseTimeZone, TIME_ZONE_COOKIE } from "../format/time-zone";

/**
 * Server action: remembers the reader's time-zone setting (UTC, or the IANA zone their browser
 * reported) in a cookie, so the next server render shows every time in it. A preference, not a
 * credential: no session is needed, and an unknown zone is stored as UTC. Next re-renders the
 * current page after an action that sets a cookie, so the change shows at once.
 */
export async function setTimeZone(zone: string): Promise<void> {
  (await cookies()).set(TIME_ZONE_COOKIE, parseTimeZone(zone), {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 365 * 24 * 3600,
  });
}
