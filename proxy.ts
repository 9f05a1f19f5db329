import { NextResponse, type NextRequest } from "next/server";

/**
 * Hands the requested path to server components (which cannot see the URL), so a page that needs
 * a sign-in can send the reader back to exactly where they were. Authorisation itself happens in
 * each page and route handler against the database, never here.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-trailbook-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!_next/|api/|favicon.ico).*)"] };
