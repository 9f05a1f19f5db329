import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { ackEvents } from "@/lib/subscriptions/ack-events";

export const dynamic = "force-dynamic";

/** Acknowledge a pulled batch (or its events up to `position`). */
export const POST = apiRoute<{ name: string }>("subscribe", async (request, { db, scope, params }) => {
  return Response.json(await ackEvents(db, scope, params.name, await readJsonBody(request)));
});
