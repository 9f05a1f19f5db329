import { observeRequest } from "../observability/observe-request";
import { requestIdOf } from "../observability/request-id";
import { errorResponse } from "./problem";

/**
 * Wraps a route that needs no key (health, readiness, the OpenAPI document, unknown paths) with
 * what apiRoute gives every other route: a request id (X-Request-Id, echoed), one log line and the
 * request metrics, and problem+json for anything thrown.
 */
export function publicRoute(handler: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const startedAt = performance.now();
    const requestId = requestIdOf(request.headers);
    let response: Response;
    try {
      response = await handler(request);
    } catch (error) {
      response = errorResponse(error);
    }
    response.headers.set("x-request-id", requestId);
    observeRequest({ request, requestId, status: response.status, startedAt });
    return response;
  };
}
