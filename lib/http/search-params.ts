/** A request's query string as a plain object (last value wins), for zod to validate. */
export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
