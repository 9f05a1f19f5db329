import { checkHealth } from "@/lib/db/check-health";
import { getDatabase } from "@/lib/db/get-database";
import { problemResponse } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

/** Public liveness and readiness: the database answers and is migrated. Reveals no event data. */
export async function GET(): Promise<Response> {
  try {
    const health = await checkHealth(await getDatabase());
    return Response.json(health, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    console.error(error);
    return problemResponse("database_unavailable", "The database is not reachable.");
  }
}
