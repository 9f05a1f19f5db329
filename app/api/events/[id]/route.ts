import { apiRoute } from "@/lib/http/api-route";
import { tenantParam } from "@/lib/http/tenant-param";
import type { StoredEvent } from "@/lib/store/event-record";
import { getEventDetail } from "@/lib/store/get-event-detail";

export const dynamic = "force-dynamic";

const summary = ({ id, type, position, recordedAt }: StoredEvent) => ({ id, type, position, recordedAt });

/**
 * One event with its streams, its cause and (the first 1000 of) the events it caused. `?tenant=`
 * picks among tenants holding the id (ids are unique per tenant), for readers of every tenant.
 */
export const GET = apiRoute<{ id: string }>("read", async (request, { db, scope, params }) => {
  const tenant = tenantParam(new URL(request.url).searchParams.get("tenant"));
  const { event, cause, caused } = await getEventDetail(db, params.id, scope, { tenant });
  return Response.json({ ...event, causedBy: cause && summary(cause), caused: caused.map(summary) });
});
