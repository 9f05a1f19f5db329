import { checkHealth } from "@/lib/db/check-health";
import { getDatabase } from "@/lib/db/get-database";
import { problemResponse } from "@/lib/http/problem";
import { publicRoute } from "@/lib/http/public-route";

export const dynamic = "force-dynamic";

/**
 * Public liveness: the process answers and its database is open and migrated. Reveals no event
 * data. Whether to send it traffic (signing key, shutting down) is /api/ready.
 */
export const GET = publicRoute(async () => {
  try {
    const health = await checkHealth(await getDatabase());
    return Response.json(health, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    console.error(error);
    return problemResponse("database_unavailable", "The database is not reachable.");
  }
});
