import { apiRoute } from "@/lib/http/api-route";
import { getSubscription } from "@/lib/subscriptions/get-subscription";
import { setSubscriptionStatus } from "@/lib/subscriptions/set-subscription-status";

export const dynamic = "force-dynamic";

/** Stop delivery where it is; the position stays. */
export const POST = apiRoute<{ name: string }>("subscribe", async (_request, { db, scope, params }) => {
  await setSubscriptionStatus(db, scope, params.name, "pause");
  return Response.json(await getSubscription(db, scope, params.name));
});
