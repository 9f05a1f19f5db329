import { z } from "zod";
import { NotFound } from "@/lib/errors";
import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { Prisma } from "@/lib/db/generated/client";
import { linkEvents } from "@/lib/store/link-events";
import { ExpectedVersion } from "@/lib/store/schemas";
import { parseOrThrow } from "@/lib/store/zod-issues";

export const dynamic = "force-dynamic";

const Body = z.object({ eventIds: z.array(z.uuid()).min(1).max(1000), expectedVersion: ExpectedVersion.optional() }).strict();

/** Link stored events into a stream. A tenant-bound key may link only its own tenant's events. */
export const POST = apiRoute<{ name: string }>("write", async (request, { db, principal, params }) => {
  const { eventIds, expectedVersion } = parseOrThrow(Body, await readJsonBody(request));
  if (principal.tenant !== null) {
    const foreign = await db.query<{ id: string }>(Prisma.sql`
      SELECT wanted::text AS id FROM unnest(${eventIds}::uuid[]) AS wanted
       WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = wanted AND e.tenant = ${principal.tenant})`);
    if (foreign.length > 0) throw new NotFound(`Events ${foreign.map((row) => row.id).join(", ")}`);
  }
  const result = await linkEvents(db, { stream: params.name, eventIds, expectedVersion });
  return Response.json(result, { status: result.replayed ? 200 : 201 });
});
