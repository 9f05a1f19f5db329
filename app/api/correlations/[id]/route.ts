import { apiRoute } from "@/lib/http/api-route";
import { buildCausationTree } from "@/lib/store/build-causation-tree";
import { readWholeCorrelation } from "@/lib/store/read-whole-correlation";

export const dynamic = "force-dynamic";

/** Every event of a correlation in position order (up to 10,000), and its causation tree. */
export const GET = apiRoute<{ id: string }>("read", async (_request, { db, scope, params }) => {
  const { events, truncated } = await readWholeCorrelation(db, params.id, scope);
  return Response.json({ correlationId: params.id, events, tree: buildCausationTree(events), truncated });
});
