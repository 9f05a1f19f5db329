import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { tenantParam } from "@/lib/http/tenant-param";
import { getReceipt } from "@/lib/integrity/get-receipt";
import { getSigningKey } from "@/lib/integrity/signing-key";
import { parseOrThrow } from "@/lib/validation/parse-or-throw";

export const dynamic = "force-dynamic";

const Query = z.object({ treeSize: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional() });

/**
 * A downloadable receipt: the event, a signed tree head and its inclusion proof, checkable offline.
 * `?treeSize=` picks the signed head (by its size) the proof is in; by default the latest.
 */
export const GET = apiRoute<{ id: string }>("read", async (request, { db, scope, params }) => {
  const search = new URL(request.url).searchParams;
  const tenant = tenantParam(search.get("tenant"));
  const { treeSize } = parseOrThrow(Query, { treeSize: search.get("treeSize") ?? undefined });
  const receipt = await getReceipt(db, params.id, scope, getSigningKey(), tenant, treeSize);
  return Response.json(receipt, {
    headers: { "content-disposition": `attachment; filename="trailbook-receipt-${receipt.event.id}.json"` },
  });
});
