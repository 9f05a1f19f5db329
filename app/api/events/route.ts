import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { searchParamsOf } from "@/lib/http/search-params";
import { recordEvents } from "@/lib/ingest/record-events";
import { searchEvents } from "@/lib/query/search-events";

export const dynamic = "force-dynamic";

/** Record one event or an atomic batch. 201 when stored, 200 when every event was already stored identically. */
export const POST = apiRoute("write", async (request, { db, principal }) => {
  const { events, replayed } = await recordEvents(db, principal, await readJsonBody(request), request.headers);
  return Response.json({ events }, { status: replayed ? 200 : 201 });
});

/** Search the log (newest first), or follow it with `?after=<position>`. */
export const GET = apiRoute("read", async (request, { db, scope }) => {
  return Response.json(await searchEvents(db, searchParamsOf(request), scope));
});
