import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { searchParamsOf } from "@/lib/http/search-params";
import { runVerification } from "@/lib/integrity/run-verification";
import { Position } from "@/lib/paging/keyset-page";
import { parseOrThrow } from "@/lib/validation/parse-or-throw";

export const dynamic = "force-dynamic";

const Query = z.object({ from: Position.optional(), to: Position.optional() });

/** Recompute the hash chain (optionally a range), check every signed checkpoint, and record the run. */
export const GET = apiRoute("read", async (request, { db, principal }) => {
  const { from, to } = parseOrThrow(Query, searchParamsOf(request));
  return Response.json(await runVerification(db, principal.keyId ?? "bootstrap-token", { from, to }));
});
