import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { searchParamsOf } from "@/lib/http/search-params";
import { proveConsistency } from "@/lib/integrity/prove-consistency";
import { parseOrThrow } from "@/lib/validation/parse-or-throw";

export const dynamic = "force-dynamic";

const Size = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const Query = z.object({ first: Size, second: Size });

/** Proof that the log at tree size `first` is a prefix of the log at `second` (RFC 9162 §2.1.4). */
export const GET = apiRoute("read", async (request, { db }) => {
  const { first, second } = parseOrThrow(Query, searchParamsOf(request));
  return Response.json({
    first: String(first),
    second: String(second),
    proof: await proveConsistency(db, first, second),
  });
});
