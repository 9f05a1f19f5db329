import { expect, test } from "@playwright/test";
import { createKey, signIn } from "./fixtures";

test("every page requires a session and sign-in returns to the page asked for", async ({ page, request }) => {
  for (const path of ["/", "/streams", "/types", "/events/00000000-0000-4000-8000-000000000000", "/correlations/x", "/streams/x", "/go?to=x"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/sign-in\?next=/);
  }
  await page.goto("/types");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ftypes/);
  await page.getByLabel("API key").fill("tb_not-a-valid-key-at-all-000000000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();
  const writeOnly = await createKey(request, ["write"]);
  await page.getByLabel("API key").fill(writeOnly);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "lacks the `read` scope" })).toBeVisible();
  await page.getByLabel("API key").fill(await createKey(request, ["read"]));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/types$/);
  await expect(page.getByRole("heading", { name: "Event types" })).toBeVisible();
});

test("the session cookie is HttpOnly and SameSite, and dead after sign-out", async ({ page, request, context }) => {
  await signIn(page, await createKey(request, ["read"]));
  const [cookie] = (await context.cookies()).filter((c) => c.name === "tb_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.addCookies([cookie!]); // a copy kept from before sign-out
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  const api = await request.get("/api/events", { headers: { cookie: `tb_session=${cookie!.value}` } });
  expect(api.status()).toBe(401);
});
