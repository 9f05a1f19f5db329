import { NextRequest } from "next/server";
import { expect, it } from "vitest";
import { proxy } from "@/proxy";

const call = (method: string, path: string) => proxy(new NextRequest(`http://trailbook.test${path}`, { method }));

it.each(["/api/correlations/%C0%AF", "/api/events/%ff", "/api/streams/%ED%A0%80"])(
  "answers a malformed escape in an API path, %s, with a 400 problem before any route",
  async (path) => {
    const response = call("GET", path);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await response.json()).code).toBe("malformed_url");
  },
);

it.each([
  ["/events/%ff", "malformed percent-escape"],
  ["/streams/%ED%A0%80", "malformed percent-escape"],
  ["/correlations/%00", "NUL"],
  ["/?q=%00", "NUL"],
  ["/?q=stream:%00", "NUL"],
  ["/go?to=%00", "NUL"],
  ["/streams?prefix=%00", "NUL"],
  ["/streams?cursor=%00", "NUL"],
])("answers the page address %s with a 400 page that says why", async (path, reason) => {
  const response = call("GET", path);
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  const html = await response.text();
  expect(html).toContain("<h1");
  expect(html).toContain(reason);
  expect(html).toContain('href="/"');
});

it("answers a method an API route lacks with a 405 problem naming what it allows", async () => {
  for (const [method, path, allow] of [
    ["DELETE", "/api/events", "GET, HEAD, OPTIONS, POST"],
    ["PUT", "/api/health", "GET, HEAD, OPTIONS"],
    ["GET", "/api/keys/0f1e", "DELETE, OPTIONS"],
  ] as const) {
    const response = call(method, path);
    expect(response.status, `${method} ${path}`).toBe(405);
    expect(response.headers.get("allow")).toBe(allow);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await response.json()).code).toBe("method_not_allowed");
  }
});

it("lets everything else through: routes' own methods, unknown API paths, ordinary pages", () => {
  for (const [method, path] of [
    ["GET", "/api/events?q=%00"], // the route's own 422
    ["POST", "/api/events"],
    ["OPTIONS", "/api/events"],
    ["HEAD", "/api/health"],
    ["DELETE", "/api/nope"], // the catch-all's 404 problem
    ["GET", "/streams/Order%2F1?prefix=a%20b"],
    ["GET", "/?q=recorded:9999-12-31"],
  ]) {
    const response = call(method!, path!);
    expect(response.status, `${method} ${path}`).toBe(200);
    expect(response.headers.get("x-middleware-next"), `${method} ${path}`).toBe("1");
  }
});
