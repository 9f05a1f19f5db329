import { expect, it } from "vitest";
import { clientAddress, SignInThrottle } from "./sign-in-throttle";

it("lets an address fail 10 times, then once every 30 s, without holding back others", () => {
  let now = 0;
  const throttle = new SignInThrottle(() => now);
  for (let i = 0; i < 10; i++) {
    throttle.check("a");
    throttle.fail("a");
  }
  expect(() => throttle.check("a")).toThrow(expect.objectContaining({ code: "rate_limited", retryAfter: 30 }));
  expect(() => throttle.check("b")).not.toThrow();
  now = 20_000;
  expect(() => throttle.check("a")).toThrow(expect.objectContaining({ retryAfter: 10 }));
  now = 30_000;
  throttle.check("a");
  throttle.fail("a");
  expect(() => throttle.check("a")).toThrow(expect.objectContaining({ retryAfter: 30 }));
});

it("holds everyone back after 100 failures from any mix of addresses, then drains at one a second", () => {
  let now = 0;
  const throttle = new SignInThrottle(() => now);
  for (let i = 0; i < 100; i++) throttle.fail(`forged-${i}`);
  expect(() => throttle.check("fresh")).toThrow(expect.objectContaining({ retryAfter: 1 }));
  now = 1_000;
  expect(() => throttle.check("fresh")).not.toThrow();
  // No address, forged or not, can name the overall bucket.
  expect(() => new SignInThrottle(() => 0).check("*")).not.toThrow();
});

it("counts a sign-in against the last X-Forwarded-For hop", () => {
  expect(clientAddress("203.0.113.9")).toBe("203.0.113.9");
  expect(clientAddress("10.0.0.1, 198.51.100.7")).toBe("198.51.100.7");
  expect(clientAddress(null)).toBe("unknown");
  expect(clientAddress(" ")).toBe("unknown");
});
