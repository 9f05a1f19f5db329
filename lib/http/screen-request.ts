import { allowedMethods } from "./api-methods";
import { problemResponse } from "./problem";

/** Each path segment percent-decoded, or null when one holds a malformed escape (`%ff`, `%C0%AF`). */
function decodedSegments(pathname: string): string[] | null {
  try {
    return pathname.split("/").map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

/** A small, complete page for an address no page can answer; it names the problem, never echoes the input. */
function badAddressPage(reason: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad address · Trailbook</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1 style="font-size: 1.1rem">This address cannot be read</h1><p>${reason}</p><p><a href="/">Back to the events</a></p>
</body></html>`;
  return new Response(html, {
    status: 400,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    },
  });
}

/**
 * What the proxy refuses before Next routes a request, since Next itself would answer it badly:
 * a malformed percent-escape in the path (Next's plain-text 500, before any handler runs), a
 * method an API route does not have (Next's empty 405), and for pages a NUL in the path or query
 * (PostgreSQL text cannot hold it; API handlers refuse that themselves with a 422). Returns the
 * answer, or null to let the request through. Nothing here needs a credential or the database.
 */
export function screenRequest(method: string, url: URL): Response | null {
  const api = url.pathname === "/api" || url.pathname.startsWith("/api/");
  const segments = decodedSegments(url.pathname);
  if (segments === null) {
    return api
      ? problemResponse("malformed_url", "The path contains a malformed percent-escape (not UTF-8).")
      : badAddressPage("Its path contains a malformed percent-escape: the bytes it names are not UTF-8 text.");
  }
  if (api) {
    const allow = allowedMethods(url.pathname);
    if (allow === null || allow.includes(method)) return null;
    const response = problemResponse("method_not_allowed", `${url.pathname} answers ${allow.join(", ")}.`);
    response.headers.set("allow", allow.join(", "));
    return response;
  }
  if (
    segments.some((segment) => segment.includes("\0")) ||
    [...url.searchParams.values()].some((v) => v.includes("\0"))
  ) {
    return badAddressPage("It contains a NUL character, which no stream, id or search can hold.");
  }
  return null;
}
