import { apiRoute } from "@/lib/http/api-route";
import { readWholeCorrelation } from "@/lib/store/read-whole-correlation";
import { buildCausationTree } from "@/lib/store/build-causation-tree";

export const dynamic = "force-dynamic";

/** Every event of a correlation in position order (up to 10,000), and its causation tree. */
export const GET = apiRoute<{ id: string }>("read", async (_request, { db, principal, params }) => {
  const { events, truncated } = await readWholeCorrelation(db, params.id, principal.tenant);
  return Response.json({ correlationId: params.id, events, tree: buildCausationTree(events), truncated });
});
