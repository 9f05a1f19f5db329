import { expect, test } from "@playwright/test";

test("the landing page shows the service status and reveals no events", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Trailbook" })).toBeVisible();
  const status = page.getByRole("definition").first();
  await expect(status).toHaveText("ok");
  await expect(page.getByText("Embedded (PGlite)")).toBeVisible();
  await page.getByRole("link", { name: "/api/health" }).click();
  await expect(page).toHaveURL(/\/api\/health$/);
});

test("the health endpoint answers without credentials and reports migrations", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const health = await response.json();
  expect(health).toMatchObject({ status: "ok", database: "pglite" });
  expect(health.migrations).toBeGreaterThanOrEqual(1);
});
