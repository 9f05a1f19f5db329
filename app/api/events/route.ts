import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { searchParamsOf } from "@/lib/http/search-params";
import { toAppendBatch } from "@/lib/ingest/record-request";
import { toRecordedEvent } from "@/lib/ingest/recorded-event";
import { searchEvents } from "@/lib/query/search-events";
import { appendEvents } from "@/lib/store/append-events";

export const dynamic = "force-dynamic";

/** Record one event or an atomic batch. 201 when stored, 200 when every event was already stored identically. */
export const POST = apiRoute("write", async (request, { db, principal }) => {
  const batch = toAppendBatch(await readJsonBody(request), request.headers, principal);
  const { events, replayed } = await appendEvents(db, batch);
  return Response.json({ events: events.map(toRecordedEvent) }, { status: replayed ? 200 : 201 });
});

/** Search the log (newest first), or follow it with `?after=<position>`. */
export const GET = apiRoute("read", async (request, { db, principal }) => {
  return Response.json(await searchEvents(db, searchParamsOf(request), principal.tenant));
});
