import { expect, test } from "@playwright/test";
import { createKey, signIn } from "./fixtures";

// That every page needs a session is e2e/security.spec.ts's job (it finds the pages on disk).
test("sign-in refuses bad and scope-less keys and returns to the page asked for", async ({ page, request }) => {
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
