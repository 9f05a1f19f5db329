import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { releasingWhenSent, takeSlot } from "@/lib/http/concurrency-limit";
import { searchParamsOf } from "@/lib/http/search-params";
import { shutdownSignal } from "@/lib/lifecycle/shutdown-signal";
import { Position } from "@/lib/paging/keyset-page";
import { searchConditions } from "@/lib/query/build-where";
import { followEvents } from "@/lib/query/follow-events";
import { parseOrThrow } from "@/lib/validation/parse-or-throw";

export const dynamic = "force-dynamic";

const Query = z.object({ q: z.string().default(""), after: Position.optional() });
const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events of new matching events. Each message's `id:` is the event's position, so a
 * reconnecting client (Last-Event-ID) resumes exactly where it stopped. The stream is pulled: a
 * slow client slows the reader instead of growing a buffer. It ends (cleanly, after the last whole
 * message) when the client goes away or the server shuts down; the client then reconnects elsewhere.
 */
export const GET = apiRoute("read", async (request, { db, principal, scope }) => {
  const { q, after: afterParam } = parseOrThrow(Query, searchParamsOf(request));
  const lastEventId = request.headers.get("last-event-id");
  const after = lastEventId ? parseOrThrow(Position, lastEventId) : afterParam;
  // Two live tails per key at a time, each holding its slot until its stream ends.
  const release = takeSlot(principal, "live");
  try {
    searchConditions(q); // an invalid query fails now, as a 4xx, without reading anything
  } catch (error) {
    release();
    throw error;
  }
  const abort = new AbortController();
  const stop = () => abort.abort();
  request.signal.addEventListener("abort", stop, { once: true });
  const shutdown = shutdownSignal();
  if (shutdown.aborted) stop();
  shutdown.addEventListener("abort", stop, { once: true });
  abort.signal.addEventListener("abort", () => shutdown.removeEventListener("abort", stop), { once: true });
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
        stop();
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
  const response = new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
  return releasingWhenSent(response, release);
});
