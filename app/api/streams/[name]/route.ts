import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { searchParamsOf } from "@/lib/http/search-params";
import { Direction } from "@/lib/paging/keyset-page";
import { readStream } from "@/lib/store/read-stream";
import { parseOrThrow } from "@/lib/validation/parse-or-throw";

export const dynamic = "force-dynamic";

const Query = z.object({
  fromVersion: z.coerce.number().int().optional(),
  direction: Direction.optional(),
  limit: z.coerce.number().int().optional(),
});

/** One stream's events with their versions; `next` is the fromVersion of the next page. */
export const GET = apiRoute<{ name: string }>("read", async (request, { db, scope, params }) => {
  const page = await readStream(db, params.name, scope, parseOrThrow(Query, searchParamsOf(request)));
  return Response.json({ stream: params.name, events: page.items, next: page.next });
});
