const ORIGIN = "http://trailbook.invalid";

/**
 * Where to go after sign-in: `next` comes from the URL, so it may only name a path of this site.
 * It is resolved the way a browser would resolve it (which strips tabs and newlines and reads
 * backslashes as slashes, so `/\t/evil.example` is `//evil.example`) and kept only when it stays on
 * this origin; the result is the normalised path, never the raw text.
 */
export function sameOriginPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return "/";
  }
  return url.origin === ORIGIN ? `${url.pathname}${url.search}${url.hash}` : "/";
}
