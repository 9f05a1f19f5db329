import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Page } from "@playwright/test";

/** The bootstrap admin token's header: an admin that is no API key. */
export const admin = { authorization: `Bearer ${process.env.TRAILBOOK_ADMIN_TOKEN}` };

/** A fresh API key made through the API with the bootstrap admin token. */
export async function createKey(request: APIRequestContext, scopes: string[], tenant?: string): Promise<string> {
  return (await createNamedKey(request, `e2e-${randomUUID().slice(0, 8)}`, scopes, tenant)).secret;
}

/** A fresh API key with the given name, and its id (what the log records as the writer). */
export async function createNamedKey(
  request: APIRequestContext,
  name: string,
  scopes: string[],
  tenant?: string,
): Promise<{ secret: string; id: string }> {
  const response = await request.post("/api/keys", { headers: admin, data: { name, scopes, tenant } });
  expect(response.status()).toBe(201);
  const { secret, id } = await response.json();
  return { secret, id };
}

/** Records events (a batch body) with `key`, returning what the API answered. */
export async function record(
  request: APIRequestContext,
  key: string,
  body: unknown,
): Promise<{ id: string; position: string; correlationId: string }[]> {
  const response = await request.post("/api/events", { headers: { authorization: `Bearer ${key}` }, data: body });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).events;
}

/** Signs in through the sign-in form and waits for the events page. */
export async function signIn(page: Page, key: string, next = "/"): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** A unique word to tag one spec's events, so specs can run in parallel on one database. */
export const uniqueTag = () => `t${randomUUID().replaceAll("-", "").slice(0, 12)}`;
