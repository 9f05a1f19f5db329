import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { tenantParam } from "@/lib/http/tenant-param";
import { linkEvents } from "@/lib/store/link-events";
import { ExpectedVersion } from "@/lib/store/schemas";
import { parseOrThrow } from "@/lib/validation/parse-or-throw";

export const dynamic = "force-dynamic";

const Body = z
  .object({ eventIds: z.array(z.uuid()).min(1).max(1000), expectedVersion: ExpectedVersion.optional() })
  .strict();

/**
 * Link stored events into a stream. A tenant-bound key may link only its own tenant's events; a
 * key of every tenant picks the tenant of the ids with `?tenant=` when several tenants hold one.
 */
export const POST = apiRoute<{ name: string }>("write", async (request, { db, scope, params }) => {
  const { eventIds, expectedVersion } = parseOrThrow(Body, await readJsonBody(request));
  const tenant = tenantParam(new URL(request.url).searchParams.get("tenant"));
  const result = await linkEvents(db, { stream: params.name, eventIds, expectedVersion }, scope, tenant);
  return Response.json(result, { status: result.replayed ? 200 : 201 });
});
