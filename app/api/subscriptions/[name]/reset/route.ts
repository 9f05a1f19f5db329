import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getSubscription } from "@/lib/subscriptions/get-subscription";
import { resetSubscription } from "@/lib/subscriptions/reset-subscription";

export const dynamic = "force-dynamic";

/** Move the position: `{ "position": "beginning" | "now" | "<n>" }` (events after it are delivered). */
export const POST = apiRoute<{ name: string }>("subscribe", async (request, { db, scope, params }) => {
  await resetSubscription(db, scope, params.name, await readJsonBody(request));
  return Response.json(await getSubscription(db, scope, params.name));
});
