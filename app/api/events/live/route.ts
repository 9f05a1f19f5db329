import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { searchParamsOf } from "@/lib/http/search-params";
import { Position } from "@/lib/paging/keyset-page";
import { followEvents } from "@/lib/query/follow-events";
import { searchEvents } from "@/lib/query/search-events";
import { parseOrThrow } from "@/lib/validation/parse-or-throw";

export const dynamic = "force-dynamic";

const Query = z.object({ q: z.string().default(""), after: Position.optional() });
const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events of new matching events. Each message's `id:` is the event's position, so a
 * reconnecting client (Last-Event-ID) resumes exactly where it stopped. The stream is pulled: a
 * slow client slows the reader instead of growing a buffer.
 */
export const GET = apiRoute("read", async (request, { db, scope }) => {
  const { q, after: afterParam } = parseOrThrow(Query, searchParamsOf(request));
  const lastEventId = request.headers.get("last-event-id");
  const after = lastEventId ? parseOrThrow(Position, lastEventId) : afterParam;
  await searchEvents(db, { q, limit: 1 }, scope); // invalid queries fail now, as a 4xx
  const abort = new AbortController();
  request.signal.addEventListener("abort", () => abort.abort(), { once: true });
  const events = followEvents(db, { q, scope, after, signal: abort.signal });
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode("retry: 2000\n: connected\n\n"));
      heartbeat = setInterval(() => {
        if (controller.desiredSize !== null && controller.desiredSize > 0)
          controller.enqueue(encoder.encode(": ping\n\n"));
      }, HEARTBEAT_MS);
    },
    async pull(controller) {
      const { value, done } = await events.next();
      if (done) {
        clearInterval(heartbeat);
        controller.close();
        return;
      }
      const text = value
        .map((event) => `id: ${event.position}\nevent: event\ndata: ${JSON.stringify(event)}\n\n`)
        .join("");
      controller.enqueue(encoder.encode(text));
    },
    cancel() {
      clearInterval(heartbeat);
      abort.abort();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
});
