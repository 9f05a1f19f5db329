import { apiRoute } from "@/lib/http/api-route";
import { getReceipt } from "@/lib/integrity/get-receipt";
import { getSigningKey } from "@/lib/integrity/signing-key";

export const dynamic = "force-dynamic";

/** A downloadable receipt: the event, a signed tree head and its inclusion proof, checkable offline. */
export const GET = apiRoute<{ id: string }>("read", async (_request, { db, scope, params }) => {
  const receipt = await getReceipt(db, params.id, scope, getSigningKey());
  return Response.json(receipt, {
    headers: { "content-disposition": `attachment; filename="trailbook-receipt-${receipt.event.id}.json"` },
  });
});
