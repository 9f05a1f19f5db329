import { apiRoute } from "@/lib/http/api-route";
import { createCheckpoint } from "@/lib/integrity/create-checkpoint";
import { listCheckpoints } from "@/lib/integrity/list-checkpoints";
import { getSigningKey } from "@/lib/integrity/signing-key";

export const dynamic = "force-dynamic";

/** Signed checkpoints, newest first (up to 100). */
export const GET = apiRoute("read", async (_request, { db }) => {
  return Response.json({ checkpoints: await listCheckpoints(db) });
});

/** Sign the current head now. */
export const POST = apiRoute("admin", async (_request, { db }) => {
  const checkpoint = await createCheckpoint(db, getSigningKey());
  return Response.json({ checkpoint }, { status: checkpoint ? 201 : 200 });
});
