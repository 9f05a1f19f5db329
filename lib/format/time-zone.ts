/** The cookie that holds the reader's time-zone setting, so server and browser render the same text. */
export const TIME_ZONE_COOKIE = "tz";

/** The default and the fallback: every stored time is UTC, and so is every time shown unless asked. */
export const UTC = "UTC";

/**
 * The time zone a cookie (or a URL parameter) names, if it is one this runtime knows (an IANA name
 * such as `Europe/Berlin`), else UTC. Anything else is ignored rather than trusted: the value is
 * client-supplied and ends up in `Intl` calls and in labels.
 */
export function parseTimeZone(value: string | null | undefined): string {
  if (!value || value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value)) return UTC;
  try {
    const resolved = new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
    // Kept as the browser named it: a canonical name that differed from the browser's own (ICU
    // builds disagree on Asia/Calcutta vs Asia/Kolkata) would look like a change of zone to it.
    return resolved === UTC || resolved === "Etc/UTC" ? UTC : value;
  } catch {
    return UTC;
  }
}
