import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { inSlot } from "@/lib/http/concurrency-limit";
import { searchParamsOf } from "@/lib/http/search-params";
import { runVerification } from "@/lib/integrity/run-verification";
import { Position } from "@/lib/paging/keyset-page";
import { parseOrThrow } from "@/lib/validation/parse-or-throw";

export const dynamic = "force-dynamic";

const Query = z.object({ from: Position.optional(), to: Position.optional() });

/**
 * Recompute the hash chain (optionally a range), check every signed checkpoint, and record the run.
 * One run at a time per server process: a second caller gets 429 and retries after it.
 */
export const GET = apiRoute("read", async (request, { db, principal }) => {
  const { from, to } = parseOrThrow(Query, searchParamsOf(request));
  const by = principal.keyId ?? "bootstrap-token";
  return Response.json(await inSlot(principal, "verify", () => runVerification(db, by, { from, to })));
});
