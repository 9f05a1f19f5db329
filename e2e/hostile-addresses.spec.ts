import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createKey, signIn } from "./fixtures";

const admin = { authorization: `Bearer ${process.env.TRAILBOOK_ADMIN_TOKEN}` };

/** Page addresses that once reached the database (or Next's decoder) and answered 500. */
const REFUSED_PAGES = [
  "/?q=%00",
  "/?q=stream:%00",
  "/correlations/%00",
  "/go?to=%00",
  "/streams?prefix=%00",
  "/streams?cursor=%00",
  "/events/%ff",
  "/streams/%ED%A0%80",
  "/correlations/%C0%AF",
];
const SERVED_PAGES = [
  "/?cursor=f01",
  "/?at=%2B275760-09-13T00:00:00Z",
  "/?at=0000-01-01T00:00:00Z",
  "/?q=recorded:0000-01-01",
  "/?q=recorded:9999-12-31",
];

test("hostile page addresses get a 400 page or the page itself, never a 500", async ({ page, request }) => {
  await signIn(page, await createKey(request, ["read"]));
  for (const path of REFUSED_PAGES) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(400);
    await expect(page.getByRole("heading", { name: "This address cannot be read" }), path).toBeVisible();
  }
  for (const path of SERVED_PAGES) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    await expect(page.getByRole("heading", { name: "Events" }), path).toBeVisible();
  }
});

test("an unknown event and an unknown page answer 404, with the not-found page", async ({ page, request }) => {
  await signIn(page, await createKey(request, ["read"]));
  const event = await page.goto(`/events/${randomUUID()}`);
  expect(event!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect((await page.goto("/nope"))!.status()).toBe(404);
});

test("the API answers malformed escapes, missing methods and extreme dates with problems or data", async ({
  request,
}) => {
  for (const path of ["/api/correlations/%C0%AF", "/api/streams/%ED%A0%80", "/api/events/%ff"]) {
    const response = await request.get(path); // no key: refused before routing, revealing nothing
    expect(response.status(), path).toBe(400);
    expect(response.headers()["content-type"], path).toBe("application/problem+json");
  }
  for (const [method, path, allow] of [
    ["DELETE", "/api/events", "GET, HEAD, OPTIONS, POST"],
    ["PUT", "/api/health", "GET, HEAD, OPTIONS"],
  ] as const) {
    const response = await request.fetch(path, { method, headers: admin });
    expect(response.status(), path).toBe(405);
    expect(response.headers().allow, path).toBe(allow);
    expect((await response.json()).code, path).toBe("method_not_allowed");
  }
  for (const q of ["recorded:0000-01-01", "recorded:9999-12-31", "recorded:>=0000-01-01"]) {
    for (const path of [`/api/events?q=${q}`, `/api/export?q=${q}`]) {
      expect((await request.get(path, { headers: admin })).status(), path).toBe(200);
    }
  }
});

test("sign-in stops an address after 10 failed keys and says when to retry", async ({ page, request }) => {
  // An address of its own (the last X-Forwarded-For hop), so the other specs' sign-ins are not held back.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.1, ${randomUUID()}` });
  await page.goto("/sign-in");
  const submit = page.getByRole("button", { name: "Sign in", exact: true });
  for (let i = 0; i < 10; i++) {
    await page.getByLabel("API key").fill(`tb_wrong-${i}`);
    await submit.click();
    await expect(submit).toBeEnabled(); // the answer is in
    await expect(page.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();
  }
  await page.getByLabel("API key").fill(await createKey(request, ["read"]));
  await submit.click();
  // 30 s after the last failure, counted from when it happened.
  await expect(
    page.getByRole("alert").filter({ hasText: /Too many failed sign-ins; try again in [1-3]?\d s\./ }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});
