import { apiRoute } from "@/lib/http/api-route";
import { listDeliveries } from "@/lib/subscriptions/list-deliveries";

export const dynamic = "force-dynamic";

/** The delivery log: the newest attempts with response codes, times and errors. */
export const GET = apiRoute<{ name: string }>("subscribe", async (_request, { db, scope, params }) => {
  return Response.json({ deliveries: await listDeliveries(db, scope, params.name) });
});
