import type http from "node:http";
import { Readable } from "node:stream";
import { SECURITY_HEADERS } from "../http/security-headers";

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>;

/**
 * Whether the lean path serves `request`: recording events (`POST /api/events`), the one request
 * services send at volume. Everything else, and any other spelling of the path, goes to Next.
 */
export function isIngest(request: http.IncomingMessage): boolean {
  return request.method === "POST" && (request.url === "/api/events" || !!request.url?.startsWith("/api/events?"));
}

/**
 * The ingest route's own handler (app/api/events/route.ts: the same apiRoute rules of auth, scopes,
 * limits and problem+json, the same verb) called straight from Node's HTTP server, without Next's
 * request pipeline, which costs several milliseconds of CPU per request (bench/RESULTS.md). Loaded
 * after Next has run instrumentation.ts, so the process database it reads from globalThis is open.
 */
export async function loadIngestHandler(): Promise<Handler> {
  const { POST } = await import("../../app/api/events/route");
  return async (request, response) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const answer = await POST(
      new Request(`http://${request.headers.host ?? "localhost"}${request.url}`, {
        method: "POST",
        headers,
        body: Readable.toWeb(request) as ReadableStream<Uint8Array>,
        duplex: "half",
      } as RequestInit),
    );
    const body = Buffer.from(await answer.arrayBuffer());
    for (const { key, value } of SECURITY_HEADERS) response.setHeader(key, value);
    for (const [name, value] of answer.headers) response.setHeader(name, value);
    response.setHeader("content-length", body.length);
    response.writeHead(answer.status);
    response.end(body);
  };
}
