import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { searchParamsOf } from "@/lib/http/search-params";
import { listStreams } from "@/lib/store/list-streams";
import { parseOrThrow } from "@/lib/validation/parse-or-throw";

export const dynamic = "force-dynamic";

const Query = z.object({
  prefix: z.string().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().optional(),
});

/** Streams by name, with counts and first/last activity. `cursor` is the last name of the previous page. */
export const GET = apiRoute("read", async (request, { db, scope }) => {
  const { prefix, cursor, limit } = parseOrThrow(Query, searchParamsOf(request));
  const page = await listStreams(db, scope, { prefix, after: cursor, limit });
  return Response.json({ streams: page.items, next: page.next });
});
