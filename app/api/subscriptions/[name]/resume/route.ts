import { apiRoute } from "@/lib/http/api-route";
import { getSubscription } from "@/lib/subscriptions/get-subscription";
import { setSubscriptionStatus } from "@/lib/subscriptions/set-subscription-status";

export const dynamic = "force-dynamic";

/** Start delivery again (a dead subscription replays its dead letter). */
export const POST = apiRoute<{ name: string }>("subscribe", async (_request, { db, scope, params }) => {
  await setSubscriptionStatus(db, scope, params.name, "resume");
  return Response.json(await getSubscription(db, scope, params.name));
});
