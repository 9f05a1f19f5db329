import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";

export const dynamic = "force-dynamic";

/** Create a subscription for the key's tenant; a webhook's `secret` is in this answer only. */
export const POST = apiRoute("subscribe", async (request, { db, principal }) => {
  return Response.json(await createSubscription(db, await readJsonBody(request), principal), { status: 201 });
});

/** The subscriptions the key may see, with lag and status. */
export const GET = apiRoute("subscribe", async (_request, { db, scope }) => {
  return Response.json({ subscriptions: await listSubscriptions(db, scope) });
});
