import { createApiKey } from "@/lib/auth/create-api-key";
import { listApiKeys } from "@/lib/auth/list-api-keys";
import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";

export const dynamic = "force-dynamic";

/** Create a key. The response is the only time its `secret` is ever shown. */
export const POST = apiRoute("admin", async (request, { db, principal }) => {
  return Response.json(await createApiKey(db, (await readJsonBody(request)) as never, principal), { status: 201 });
});

/** Every key (never their secrets), newest first. */
export const GET = apiRoute("admin", async (_request, { db }) => {
  return Response.json({ keys: await listApiKeys(db) });
});
