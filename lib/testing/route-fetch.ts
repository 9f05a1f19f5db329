import fs from "node:fs";
import path from "node:path";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

interface RouteFile {
  /** URL pattern, e.g. /api/streams/[name]/links */
  pattern: string;
  regex: RegExp;
  params: string[];
  file: string;
}

const APP_DIR = path.join(process.cwd(), "app");

/** Every `app/api/**\/route.ts`, as Next would route it. */
export function listApiRoutes(): RouteFile[] {
  const files = fs
    .readdirSync(path.join(APP_DIR, "api"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith("route.ts"));
  return (
    files
      .map((file) => {
        const segments = path
          .dirname(file)
          .split(path.sep)
          .filter((s) => s !== ".");
        const params = segments.filter((s) => s.startsWith("[")).map((s) => s.slice(1, -1).replace(/^\.\.\./, ""));
        const pattern = (s: string) =>
          s.startsWith("[...") ? "(.+)" : s.startsWith("[") ? "([^/]+)" : s.replace(/\./g, "\\.");
        const regex = new RegExp(`^/api/${segments.map(pattern).join("/")}$`);
        return { pattern: `/api/${segments.join("/")}`, regex, params, file: path.join(APP_DIR, "api", file) };
      })
      // Static segments before dynamic ones, catch-alls last.
      .sort((a, b) => rank(a.pattern) - rank(b.pattern))
  );
}

const rank = (pattern: string) => (pattern.includes("[...") ? 100 : pattern.split("[").length);

/**
 * A `fetch` that dispatches to the route handlers in this process, exactly as exported (no HTTP
 * server), so tests exercise the real handlers against the database set with setDatabase().
 */
export async function routeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(
    new URL(input instanceof Request ? input.url : input, "http://trailbook.test"),
    init ?? (input instanceof Request ? input : undefined),
  );
  const { pathname } = new URL(request.url);
  for (const route of listApiRoutes()) {
    const match = route.regex.exec(pathname);
    if (!match) continue;
    const module = (await import(/* @vite-ignore */ route.file)) as Record<string, Handler | undefined>;
    const handler = module[request.method];
    if (!handler) return new Response(null, { status: 405 });
    const params = Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    return handler(request, { params: Promise.resolve(params) });
  }
  return new Response(null, { status: 404 });
}
