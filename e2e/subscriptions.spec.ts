import { expect, type Page, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

/** Fills and submits the create form of the Subscriptions page. */
async function create(page: Page, fields: { name: string; filter: string; start: string; mode: string; url?: string }) {
  const form = page.getByRole("form", { name: "Create a subscription" });
  await form.getByLabel("Name").fill(fields.name);
  await form.getByLabel("Filter").fill(fields.filter);
  await form.getByLabel("Start").fill(fields.start);
  await form.getByLabel("Mode").selectOption(fields.mode);
  if (fields.url) await form.getByLabel("URL").fill(fields.url);
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form.getByRole("status")).toContainText(`Created ${fields.name}.`);
}

test("a subscription made in the browser catches up as a consumer pulls, and pauses and resumes", async ({
  page,
  request,
}) => {
  const tenant = uniqueTag();
  const key = await createKey(request, ["read", "write", "subscribe"], tenant);
  const auth = { authorization: `Bearer ${key}` };
  const name = `orders-${tenant}`;
  const type = `Order${tenant}`;
  await signIn(page, key, "/subscriptions");
  await create(page, { name, filter: `type:${type}`, start: "beginning", mode: "pull" });
  const row = page.getByRole("table", { name: "Subscriptions" }).getByRole("row").filter({ hasText: name });
  await expect(row.getByTestId("status")).toHaveText("active");
  await expect(row.getByTestId("lag")).toHaveText("0");

  await record(request, key, { events: Array.from({ length: 5 }, (_, n) => ({ type, data: { n } })) });
  await record(request, key, { events: [{ type: `Other${tenant}` }] });
  await page.reload();
  await expect(row.getByTestId("lag")).toHaveText("5");

  // A consumer takes the batch and acknowledges it: the lag falls to 0.
  const pulled = await request.get(`/api/subscriptions/${name}/events?limit=100`, { headers: auth });
  const batch = await pulled.json();
  expect(batch.events.map((e: { type: string }) => e.type)).toEqual(Array(5).fill(type));
  const acked = await request.post(`/api/subscriptions/${name}/ack`, { headers: auth, data: { lease: batch.lease } });
  expect(acked.status(), await acked.text()).toBe(200);
  await page.reload();
  await expect(row.getByTestId("lag")).toHaveText("0");

  await row.getByRole("button", { name: "Pause" }).click();
  await expect(row.getByTestId("status")).toHaveText("paused");
  // Paused, a pull gets nothing however much is waiting.
  await record(request, key, { events: [{ type }] });
  const none = await request.get(`/api/subscriptions/${name}/events?limit=100`, { headers: auth });
  expect((await none.json()).events).toEqual([]);
  await row.getByRole("button", { name: "Resume" }).click();
  await expect(row.getByTestId("status")).toHaveText("active");
  const resumed = await request.get(`/api/subscriptions/${name}/events?limit=100`, { headers: auth });
  expect((await resumed.json()).events).toHaveLength(1);
});

test("a webhook subscription's secret is shown once; a bad filter or a private target is refused", async ({
  page,
  request,
}) => {
  const tenant = uniqueTag();
  const key = await createKey(request, ["read", "subscribe"], tenant);
  await signIn(page, key, "/subscriptions");
  const form = page.getByRole("form", { name: "Create a subscription" });
  // A public address (nothing matches the filter, so nothing is ever sent to it).
  const name = `hook-${tenant}`;
  await create(page, { name, filter: `type:Never${tenant}`, start: "now", mode: "webhook", url: "https://192.0.2.1/" });
  await expect(form.getByLabel("Signing secret")).toHaveValue(/^whsec_/);
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible();
  await expect(page.getByLabel("Signing secret")).toHaveCount(0);

  await form.getByLabel("Name").fill(`bad-${tenant}`);
  await form.getByLabel("Filter").fill("nope:x");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form.getByRole("alert")).toBeVisible();
  await form.getByLabel("Filter").fill("");
  await form.getByLabel("Mode").selectOption("webhook");
  await form.getByLabel("URL").fill("http://127.0.0.1:4001/hook");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form.getByRole("alert")).toContainText("loopback");
});
