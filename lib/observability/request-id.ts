import { randomUUID } from "node:crypto";

/** What an incoming X-Request-Id may look like to be kept: short, and nothing a log could misread. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The request's id: the caller's `X-Request-Id` when it is sane (at most 128 of `A-Za-z0-9._-`), so
 * a proxy's or client's id follows the request into our logs; otherwise a new UUID.
 */
export function requestIdOf(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming !== null && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
