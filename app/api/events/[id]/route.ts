import { apiRoute } from "@/lib/http/api-route";
import type { StoredEvent } from "@/lib/store/event-record";
import { getEventDetail } from "@/lib/store/get-event-detail";

export const dynamic = "force-dynamic";

const summary = ({ id, type, position, recordedAt }: StoredEvent) => ({ id, type, position, recordedAt });

/** One event with its streams, its cause and (the first 1000 of) the events it caused. */
export const GET = apiRoute<{ id: string }>("read", async (_request, { db, scope, params }) => {
  const { event, cause, caused } = await getEventDetail(db, params.id, scope);
  return Response.json({ ...event, causedBy: cause && summary(cause), caused: caused.map(summary) });
});
