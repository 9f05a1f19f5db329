/** A parsed W3C Trace Context `traceparent` header (https://www.w3.org/TR/trace-context/). */
export interface Traceparent {
  traceId: string;
  parentId: string;
  flags: string;
}

const VERSION_00 = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ANY_VERSION = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/s;
const ZEROS = /^0+$/;

/**
 * Parses `traceparent` as the specification says a receiver must (§3.2, §4.3): lowercase hex only;
 * version `ff` is invalid; version `00` is exactly 55 characters; a higher version is read as
 * version 00 in its first 55 characters, and anything after them must start with `-`; an all-zero
 * trace-id or parent-id is invalid. An invalid header is ignored (null), never an error: tracing
 * must not make a request fail.
 */
export function parseTraceparent(header: string | null): Traceparent | null {
  if (header === null) return null;
  const value = header.trim();
  const match = value.startsWith("00-") ? VERSION_00.exec(value) : ANY_VERSION.exec(value);
  if (!match) return null;
  const [version, traceId, parentId, flags] = value.startsWith("00-") ? ["00", ...match.slice(1)] : match.slice(1);
  if (version === "ff" || !traceId || !parentId || !flags) return null;
  if (ZEROS.test(traceId) || ZEROS.test(parentId)) return null;
  return { traceId, parentId, flags };
}
