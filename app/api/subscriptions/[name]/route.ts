import { apiRoute } from "@/lib/http/api-route";
import { deleteSubscription } from "@/lib/subscriptions/delete-subscription";
import { getSubscription } from "@/lib/subscriptions/get-subscription";

export const dynamic = "force-dynamic";

/** One subscription: state, lag, counters, last error and dead letters. */
export const GET = apiRoute<{ name: string }>("subscribe", async (_request, { db, scope, params }) => {
  return Response.json(await getSubscription(db, scope, params.name));
});

/** Delete a subscription, with its delivery log and dead letters. */
export const DELETE = apiRoute<{ name: string }>("subscribe", async (_request, { db, scope, params }) => {
  await deleteSubscription(db, scope, params.name);
  return new Response(null, { status: 204 });
});
