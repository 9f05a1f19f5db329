import { expect, test } from "@playwright/test";

test("the sign-in page is the only page open without a session", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  await expect(page.getByRole("heading", { level: 1, name: "Trailbook" })).toBeVisible();
  await expect(page.getByLabel("API key")).toBeFocused();
});

test("the health endpoint answers without credentials and reports migrations", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const health = await response.json();
  expect(health).toMatchObject({ status: "ok", database: "pglite" });
  expect(health.migrations).toBeGreaterThanOrEqual(1);
});

test("readiness answers without credentials and echoes a request id", async ({ request }) => {
  const response = await request.get("/api/ready", { headers: { "x-request-id": "e2e-probe" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["x-request-id"]).toBe("e2e-probe");
  expect(await response.json()).toEqual({
    status: "ready",
    database: "pglite",
    migrations: "applied",
    signingKey: "present",
  });
});
