import { expect, it } from "vitest";
import { sameOriginPath } from "./same-origin-path";

it("keeps paths of this site, normalised", () => {
  expect(sameOriginPath("/")).toBe("/");
  expect(sameOriginPath("/events/1?q=type%3AA#x")).toBe("/events/1?q=type%3AA#x");
  expect(sameOriginPath("/streams/a/../b")).toBe("/streams/b");
});

it("sends every way out of the site back to the start", () => {
  for (const next of [
    "/\t/evil.example", // a browser strips the tab: //evil.example
    "/%09/evil.example".replace("%09", "\t"),
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "/\n/evil.example",
    "/\r\n//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "",
    " /x",
  ]) {
    expect(sameOriginPath(next), JSON.stringify(next)).toBe("/");
  }
  expect(sameOriginPath(null)).toBe("/");
  expect(sameOriginPath(42)).toBe("/");
});
