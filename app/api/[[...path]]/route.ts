import { problemResponse } from "@/lib/http/problem";
import { publicRoute } from "@/lib/http/public-route";

export const dynamic = "force-dynamic";

// Unknown API paths answer problem+json like every other API error, not Next's HTML 404 page.
// Public on purpose: it reveals nothing but that the path does not exist.
const notFound = publicRoute(async (request: Request) =>
  problemResponse("not_found", `No API route ${new URL(request.url).pathname}`),
);

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
