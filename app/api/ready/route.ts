import { getDatabase } from "@/lib/db/get-database";
import { problemResponse } from "@/lib/http/problem";
import { publicRoute } from "@/lib/http/public-route";
import { checkReadiness } from "@/lib/observability/check-readiness";

export const dynamic = "force-dynamic";

/**
 * Public readiness: 200 when this process should get traffic (database reachable and migrated,
 * signing key present, not shutting down), else 503 problem+json listing what is missing.
 * Liveness is /api/health.
 */
export const GET = publicRoute(async () => {
  const readiness = await checkReadiness(getDatabase);
  if (!readiness.ready) {
    return problemResponse("not_ready", `Not ready: ${readiness.missing.join("; ")}.`, {
      missing: readiness.missing,
    });
  }
  const { ready: _, ...body } = readiness;
  return Response.json({ status: "ready", ...body }, { headers: { "cache-control": "no-store" } });
});
