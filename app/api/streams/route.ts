import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { searchParamsOf } from "@/lib/http/search-params";
import { listStreams } from "@/lib/store/list-streams";
import { parseOrThrow } from "@/lib/validation/parse-or-throw";

export const dynamic = "force-dynamic";

const Query = z.object({
  prefix: z.string().optional(),
  category: z.string().optional(),
  sort: z.enum(["name", "activity", "count"]).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().optional(),
});

/**
 * Streams with counts and first/last activity, by name or by last activity or count, as the Streams
 * page lists them (listStreams checks the options). `cursor` is `next` of the previous page.
 */
export const GET = apiRoute("read", async (request, { db, scope }) => {
  const { prefix, category, sort, cursor, limit } = parseOrThrow(Query, searchParamsOf(request));
  const page = await listStreams(db, scope, { prefix, category, sort, after: cursor, limit });
  return Response.json({ streams: page.items, next: page.next });
});
