import { buildOpenApi } from "@/lib/http/openapi";

export const dynamic = "force-static";

/** Public: the API's OpenAPI 3.1 description. */
export function GET(): Response {
  return Response.json(buildOpenApi());
}
