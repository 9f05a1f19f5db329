import { apiRoute } from "@/lib/http/api-route";
import { listTreeHeads } from "@/lib/integrity/list-tree-heads";
import { signTreeHead } from "@/lib/integrity/sign-tree-head";
import { getSigningKey } from "@/lib/integrity/signing-key";

export const dynamic = "force-dynamic";

/** Signed tree heads, newest first (up to 100). */
export const GET = apiRoute("read", async (_request, { db }) => {
  return Response.json({ treeHeads: await listTreeHeads(db, { limit: 100 }) });
});

/** Sign a tree head over the whole log now (the latest one again when the log has not grown). */
export const POST = apiRoute("admin", async (_request, { db }) => {
  const treeHead = await signTreeHead(db, getSigningKey());
  return Response.json({ treeHead }, { status: treeHead ? 201 : 200 });
});
