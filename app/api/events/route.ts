import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { searchParamsOf } from "@/lib/http/search-params";
import { toAppendBatch } from "@/lib/ingest/record-request";
import { toRecordedEvent } from "@/lib/ingest/recorded-event";
import { searchEvents } from "@/lib/query/search-events";
import { checkpointIfDue } from "@/lib/integrity/create-checkpoint";
import { getSigningKey } from "@/lib/integrity/signing-key";
import { appendEvents } from "@/lib/store/append-events";

export const dynamic = "force-dynamic";

/** A signed checkpoint is taken whenever the log has grown this many events past the last one. */
const CHECKPOINT_EVERY = Number(process.env.TRAILBOOK_CHECKPOINT_EVERY) || 1000;

/** Record one event or an atomic batch. 201 when stored, 200 when every event was already stored identically. */
export const POST = apiRoute("write", async (request, { db, principal }) => {
  const batch = toAppendBatch(await readJsonBody(request), request.headers, principal);
  const { events, replayed } = await appendEvents(db, batch);
  if (!replayed) await checkpointIfDue(db, getSigningKey(), CHECKPOINT_EVERY);
  return Response.json({ events: events.map(toRecordedEvent) }, { status: replayed ? 200 : 201 });
});

/** Search the log (newest first), or follow it with `?after=<position>`. */
export const GET = apiRoute("read", async (request, { db, principal }) => {
  return Response.json(await searchEvents(db, searchParamsOf(request), principal.tenant));
});
