import { expect, it } from "vitest";
import { listApiRoutes } from "../testing/route-fetch";
import { API_METHODS, allowedMethods } from "./api-methods";

it("lists exactly the methods each API route file exports", async () => {
  const exported: Record<string, string[]> = {};
  for (const route of listApiRoutes()) {
    if (route.pattern === "/api/[[...path]]") continue; // unknown paths: 404 to every method
    const module = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
    exported[route.pattern] = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof module[m] === "function");
  }
  expect(exported).toEqual(API_METHODS);
});

it("finds a path's route, static segments before dynamic ones, and nothing for unknown paths", () => {
  expect(allowedMethods("/api/events")).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
  expect(allowedMethods("/api/keys/0f1e")).toEqual(["DELETE", "OPTIONS"]);
  expect(allowedMethods("/api/streams/Order%2F1/links")).toEqual(["OPTIONS", "POST"]);
  expect(allowedMethods("/api/openapi.json")).toEqual(["GET", "HEAD", "OPTIONS"]);
  expect(allowedMethods("/api/openapiXjson")).toBeNull();
  expect(allowedMethods("/api/nope")).toBeNull();
  expect(allowedMethods("/api/events/1/receipt/more")).toBeNull();
});
