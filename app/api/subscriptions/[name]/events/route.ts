import { apiRoute } from "@/lib/http/api-route";
import { searchParamsOf } from "@/lib/http/search-params";
import { pullEvents } from "@/lib/subscriptions/pull-events";

export const dynamic = "force-dynamic";

/** Pull: the next batch under a lease (long-polls up to `wait` seconds); ack it with POST …/ack. */
export const GET = apiRoute<{ name: string }>("subscribe", async (request, { db, scope, params }) => {
  return Response.json(await pullEvents(db, scope, params.name, searchParamsOf(request), request.signal));
});
