import fs from "node:fs/promises";
import path from "node:path";
import { apiRoute } from "@/lib/http/api-route";
import { VERIFIER_BUNDLE, VERIFIER_FILE_NAME } from "@/lib/verifier/bundle-file";

export const dynamic = "force-dynamic";

/**
 * The offline verifier as one dependency-free file (`node trailbook-verify.mjs …`). It holds no
 * secret, but like every endpoint but health it needs a key; the README states its SHA-256, so an
 * auditor can check the download against a copy of the README from elsewhere.
 */
export const GET = apiRoute("read", async () => {
  const file = await fs.readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), VERIFIER_BUNDLE));
  return new Response(file, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "content-disposition": `attachment; filename="${VERIFIER_FILE_NAME}"`,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    },
  });
});
