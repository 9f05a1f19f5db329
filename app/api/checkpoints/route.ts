import { apiRoute } from "@/lib/http/api-route";
import { latestTreeHead, listTreeHeads } from "@/lib/integrity/list-tree-heads";
import { signTreeHead } from "@/lib/integrity/sign-tree-head";
import { getSigningKey } from "@/lib/integrity/signing-key";

export const dynamic = "force-dynamic";

/** Signed tree heads, newest first (up to 100). */
export const GET = apiRoute("read", async (_request, { db }) => {
  return Response.json({ treeHeads: await listTreeHeads(db, { limit: 100 }) });
});

/**
 * Sign a tree head over the whole log now: 201 with a new head, 200 with the latest one when the
 * log has not grown since (nothing was created), 200 with null on an empty log.
 */
export const POST = apiRoute("admin", async (_request, { db }) => {
  const before = await latestTreeHead(db);
  const treeHead = await signTreeHead(db, getSigningKey());
  const created = treeHead !== null && treeHead.seq !== before?.seq;
  return Response.json({ treeHead }, { status: created ? 201 : 200 });
});
