import "server-only";
import { authenticate } from "../auth/authenticate";
import { requireScope, type Principal, type Scope } from "../auth/principal";
import type { Database } from "../db/database";
import { getDatabase } from "../db/get-database";
import { errorResponse } from "./problem";

export interface ApiContext<P> {
  db: Database;
  principal: Principal;
  params: P;
}

/**
 * Wraps a route handler: authenticates the bearer key, checks `scope`, and renders every thrown
 * error as problem+json, so no handler can forget either. Handlers only parse, call a verb, shape.
 */
export function apiRoute<P = Record<string, never>>(
  scope: Scope,
  handler: (request: Request, context: ApiContext<P>) => Promise<Response>,
) {
  return async (request: Request, route?: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDatabase();
      const principal = await authenticate(db, request.headers.get("authorization"));
      requireScope(principal, scope);
      const response = await handler(request, { db, principal, params: (await route?.params) ?? ({} as P) });
      if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}
