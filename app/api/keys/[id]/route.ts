import { revokeApiKey } from "@/lib/auth/revoke-api-key";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

/** Revoke a key; requests with it are refused from now on. */
export const DELETE = apiRoute<{ id: string }>("admin", async (_request, { db, params }) => {
  return Response.json(await revokeApiKey(db, params.id));
});
