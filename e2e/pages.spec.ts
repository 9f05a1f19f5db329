import { expect, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

test("the event page shows what changed since the previous event, and copies it as curl and JSON", async ({
  page,
  request,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const key = await createKey(request, ["write", "read"]);
  const tag = uniqueTag();
  const stream = `Order-${tag}`;
  const [placed, paid] = await record(request, key, {
    stream,
    events: [
      { type: "OrderPlaced", data: { status: "open", total: 10, note: "it's $(echo injected)" } },
      { type: "OrderPaid", data: { status: "paid", total: 10, paidBy: { method: "card" } } },
    ],
  });
  await signIn(page, key, `/events/${paid!.id}`);
  const changes = page.getByRole("region", { name: /^Changes since OrderPlaced/ });
  await expect(changes.getByRole("link", { name: "OrderPlaced" })).toHaveAttribute("href", `/events/${placed!.id}`);
  await expect(changes.getByRole("row")).toHaveCount(4);
  await expect(changes.getByRole("row", { name: /changed status/ })).toContainText(`"open"`);
  await expect(changes.getByRole("row", { name: /changed status/ })).toContainText(`"paid"`);
  await expect(changes.getByRole("row", { name: /added paidBy/ })).toContainText(`{"method":"card"}`);
  await expect(changes.getByRole("row", { name: /removed note/ })).toContainText("$(echo injected)");
  await expect(changes.getByRole("row", { name: /total/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Copy as JSON" }).click();
  await expect(page.getByRole("status")).toHaveText("Copied the event JSON.");
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied).toMatchObject({ id: paid!.id, type: "OrderPaid", data: { status: "paid" } });

  await page.getByRole("button", { name: "Copy as curl" }).click();
  await expect(page.getByRole("status")).toHaveText("Copied the curl command.");
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain(`'${baseURL}/api/events'`);
  expect(curl).toContain(`"authorization: Bearer $TRAILBOOK_KEY"`);
  // Sending the body it holds again is a replay of the same event: nothing new is stored.
  const body = /--data-binary '(.*)'$/s.exec(curl)![1]!.replaceAll(`'\\''`, "'");
  const replay = await request.post("/api/events", {
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    data: body,
  });
  expect(replay.status(), await replay.text()).toBe(200);
  expect((await replay.json()).events[0].id).toBe(paid!.id);

  await page.goto(`/events/${placed!.id}`);
  await expect(page.getByRole("region", { name: "Changes in data" })).toContainText(
    `${stream}: the stream's first event, nothing before it`,
  );
});

test("the Streams page sorts by count and activity and filters by category, in the URL", async ({ page, request }) => {
  const key = await createKey(request, ["write", "read"]);
  const category = `S${uniqueTag()}`;
  const [a, b, c] = ["a", "b", "c"].map((suffix) => `${category}-${suffix}`) as [string, string, string];
  await record(request, key, { stream: a, events: [{ type: "A" }, { type: "A" }, { type: "A" }] });
  await record(request, key, { stream: b, events: [{ type: "B" }] });
  await record(request, key, { stream: c, events: [{ type: "C" }, { type: "C" }] });
  await record(request, key, { stream: `${category}x-1`, events: [{ type: "X" }] });
  const names = () => page.getByRole("table", { name: "Streams" }).getByRole("row").locator("td:first-child");

  await signIn(page, key, `/streams?category=${category}`);
  await expect(page.getByLabel("Category")).toHaveValue(category);
  await expect(names()).toHaveText([a, b, c]);

  await page.getByLabel("Sort by").selectOption("Event count");
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("sort") === "count");
  expect(new URL(page.url()).searchParams.get("category")).toBe(category);
  await expect(names()).toHaveText([a, c, b]);
  await expect(page.getByRole("columnheader", { name: "Events" })).toHaveAttribute("aria-sort", "descending");

  await page.getByRole("link", { name: "Last activity (UTC)" }).click();
  await expect(page).toHaveURL(/sort=activity/);
  await expect(names()).toHaveText([c, b, a]);

  await page.getByLabel("Name starts with").fill(`${category}x`);
  await page.getByLabel("Category").fill("");
  await page.getByRole("button", { name: "Find" }).click();
  await expect(names()).toHaveText([`${category}x-1`]);
});
