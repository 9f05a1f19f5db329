import { apiRoute } from "@/lib/http/api-route";
import { inSlot } from "@/lib/http/concurrency-limit";
import { readJsonBody } from "@/lib/http/read-json-body";
import { searchParamsOf } from "@/lib/http/search-params";
import { recordEvents } from "@/lib/ingest/record-events";
import { metrics } from "@/lib/observability/metrics";
import { searchEvents } from "@/lib/query/search-events";

export const dynamic = "force-dynamic";

/**
 * Record one event or an atomic batch. 201 when stored, 200 when every event was already stored
 * identically. The key may come from the key cache: recordEvents refuses a revoked key under the
 * append lock.
 */
export const POST = apiRoute(
  "write",
  async (request, { db, principal }) => {
    const { events, replayed } = await recordEvents(db, principal, await readJsonBody(request), request.headers);
    if (!replayed) {
      metrics().eventsAppended.inc(events.length);
      metrics().batchSize.observe(events.length);
    }
    return Response.json({ events }, { status: replayed ? 200 : 201 });
  },
  { cachedKey: true },
);

/** Search the log (newest first), or follow it with `?after=<position>`. Two at a time per key. */
export const GET = apiRoute("read", async (request, { db, principal, scope }) => {
  return Response.json(await inSlot(principal, "search", () => searchEvents(db, searchParamsOf(request), scope)));
});
