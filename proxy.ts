import { type NextRequest, NextResponse } from "next/server";
import { screenRequest } from "./lib/http/screen-request";

/**
 * For every request: first the refusals Next would otherwise answer badly (screen-request.ts:
 * malformed escapes, API methods a route lacks, NUL in page addresses). API requests then go on
 * untouched. For pages: a per-request Content-Security-Policy whose script nonce Next stamps on its
 * own scripts (it reads the policy from the request headers), so an injected script cannot run even
 * if rendering ever let one through. Inline style attributes stay allowed (React `style` props).
 * It also hands the requested path to server components (which cannot see the URL), so a page that
 * needs a sign-in can send the reader back to exactly where they were. Authorisation itself happens
 * in each page and route handler against the database, never here.
 */
export function proxy(request: NextRequest) {
  const refused = screenRequest(request.method, request.nextUrl);
  if (refused) return refused;
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = new Headers(request.headers);
  headers.set("x-trailbook-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// API paths included: their malformed escapes and missing methods are answered here (Next's
// router would answer 500 and an empty 405). Static assets are not.
export const config = { matcher: ["/((?!_next/|favicon.ico).*)"] };
