import { apiRoute } from "@/lib/http/api-route";
import { tenantParam } from "@/lib/http/tenant-param";
import { getReceipt } from "@/lib/integrity/get-receipt";
import { getSigningKey } from "@/lib/integrity/signing-key";

export const dynamic = "force-dynamic";

/** A downloadable receipt: the event, a signed tree head and its inclusion proof, checkable offline. */
export const GET = apiRoute<{ id: string }>("read", async (request, { db, scope, params }) => {
  const tenant = tenantParam(new URL(request.url).searchParams.get("tenant"));
  const receipt = await getReceipt(db, params.id, scope, getSigningKey(), tenant);
  return Response.json(receipt, {
    headers: { "content-disposition": `attachment; filename="trailbook-receipt-${receipt.event.id}.json"` },
  });
});
