import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { searchParamsOf } from "@/lib/http/search-params";
import { getSigningKey } from "@/lib/integrity/signing-key";
import { verifyIntegrity } from "@/lib/integrity/verify-integrity";
import { Position } from "@/lib/store/page";
import { parseOrThrow } from "@/lib/store/zod-issues";

export const dynamic = "force-dynamic";

const Query = z.object({ from: Position.optional(), to: Position.optional() });

/** Recompute the hash chain (optionally a range) and check every signed checkpoint. */
export const GET = apiRoute("read", async (request, { db }) => {
  const { from, to } = parseOrThrow(Query, searchParamsOf(request));
  return Response.json(await verifyIntegrity(db, getSigningKey().publicKeyPem, { from, to }));
});
