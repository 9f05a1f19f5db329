import { beforeAll, expect } from "vitest";
import { createApiKey } from "../auth/create-api-key";
import type { Scope } from "../auth/principal";
import { TrailbookClient } from "../client/trailbook-client";
import type { Database, DatabaseKind } from "../db/database";
import { setDatabase } from "../db/get-database";
import { validatingFetch } from "./openapi-validator";
import { routeFetch } from "./route-fetch";
import { describeEachDatabase } from "./test-database";

export interface ApiFixture {
  db(): Database;
  /** Creates a key and returns its secret. */
  key(scopes: Scope[], tenant?: string): Promise<string>;
  client(key: string): TrailbookClient;
  /** A raw request to the route handlers; `body` objects are sent as JSON. */
  call(
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

/**
 * The API tests (app/api) check every response they get against the OpenAPI document: an
 * undocumented status or media type, or a body that does not match, fails the test.
 */
const checkedFetch = validatingFetch(routeFetch);
const inApiTests = () => /[\\/]app[\\/]api[\\/]/.test(expect.getState().testPath ?? "");
const apiFetch: typeof routeFetch = (input, init) => (inApiTests() ? checkedFetch : routeFetch)(input, init);

/** Runs `body` once per database kind, with that database behind the route handlers. */
export function describeApi(title: string, body: (api: ApiFixture, kind: DatabaseKind) => void): void {
  describeEachDatabase(title, (db, kind) => {
    beforeAll(() => setDatabase(db()));
    body(
      {
        db,
        key: async (scopes, tenant) =>
          (await createApiKey(db(), { name: `test-${scopes.join("-")}`, scopes, tenant })).secret,
        client: (key) =>
          new TrailbookClient({ baseUrl: "http://trailbook.test", key, fetch: apiFetch as typeof fetch }),
        call: (method, path, options = {}) =>
          apiFetch(path, {
            method,
            headers: {
              ...(options.key && { authorization: `Bearer ${options.key}` }),
              ...(options.body !== undefined && { "content-type": "application/json" }),
              ...options.headers,
            },
            body:
              options.body === undefined
                ? undefined
                : typeof options.body === "string"
                  ? options.body
                  : JSON.stringify(options.body),
          }),
      },
      kind,
    );
  });
}
