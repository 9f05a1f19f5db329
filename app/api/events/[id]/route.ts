import { apiRoute } from "@/lib/http/api-route";
import { readCause, readCaused } from "@/lib/store/read-causation";
import { getEvent } from "@/lib/store/get-event";

export const dynamic = "force-dynamic";

const summary = ({ id, type, position, recordedAt }: { id: string; type: string; position: string; recordedAt: string }) => ({
  id,
  type,
  position,
  recordedAt,
});

/** One event with its streams, its cause and (the first 1000 of) the events it caused. */
export const GET = apiRoute<{ id: string }>("read", async (_request, { db, principal, params }) => {
  const event = await getEvent(db, params.id, principal.tenant);
  const [cause, caused] = await Promise.all([
    readCause(db, event.id, principal.tenant),
    readCaused(db, event.id, { limit: 1000 }, principal.tenant),
  ]);
  return Response.json({ ...event, causedBy: cause && summary(cause), caused: caused.items.map(summary) });
});
