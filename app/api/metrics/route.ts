import { metricsTokenPrincipal } from "@/lib/auth/metrics-token";
import { apiRoute } from "@/lib/http/api-route";
import { renderMetrics } from "@/lib/observability/render-metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of this process (text format): for an admin key, or the scraper's own
 * TRAILBOOK_METRICS_TOKEN, which opens nothing else.
 */
export const GET = apiRoute(
  "admin",
  async (_request, { db }) => {
    const { contentType, text } = await renderMetrics(db);
    return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  },
  { acceptsOther: metricsTokenPrincipal },
);
