import { z } from "zod";
import { exportEvents } from "@/lib/export/export-events";
import { apiRoute } from "@/lib/http/api-route";
import { releasingWhenSent, takeSlot } from "@/lib/http/concurrency-limit";
import { searchParamsOf } from "@/lib/http/search-params";
import { getSigningKey } from "@/lib/integrity/signing-key";
import { parseOrThrow } from "@/lib/validation/parse-or-throw";

export const dynamic = "force-dynamic";

const Query = z.object({ q: z.string().max(2000).default(""), format: z.enum(["csv", "jsonl"]).default("csv") });

/**
 * Streams exactly the events `GET /api/events?q=` lists (same parser, same tenant limit), oldest
 * first, ending with a signed manifest. Pulled: memory stays flat whatever the size. One export
 * per key at a time (its slot is held until the stream ends).
 */
export const GET = apiRoute("export", async (request, { db, principal }) => {
  const { q, format } = parseOrThrow(Query, searchParamsOf(request));
  const release = takeSlot(principal, "export");
  const chunks = await exportEvents(db, principal, { q, format }, getSigningKey()).catch((error: unknown) => {
    release();
    throw error;
  });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else if (value.length > 0) controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const filename = `trailbook-${principal.tenant ?? "all"}-${stamp}.${format}`;
  const response = new Response(body, {
    headers: {
      "content-type":
        format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
  return releasingWhenSent(response, release);
});
