/** The earliest instant PostgreSQL reads in ISO form: it has no year 0 (1 BC), and nothing is stored before it. */
const EARLIEST = Date.parse("0001-01-01T00:00:00Z");

/**
 * An instant as `timestamptz` text PostgreSQL accepts, for any valid JS Date: years past 9999
 * without the `+0…` that `toISOString` writes (which PostgreSQL reads as a zone), years before 0001
 * clamped to its first instant. Every bound a client can name passes through here.
 */
export function timestampParam(at: Date): string {
  return new Date(Math.max(at.getTime(), EARLIEST)).toISOString().replace(/^\+0*(?=\d{5})/, "");
}
