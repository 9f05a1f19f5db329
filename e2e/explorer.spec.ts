import { expect, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

// A reader in Berlin: the range boxes must still mean UTC, as they say.
test.use({ timezoneId: "Europe/Berlin" });

const table = (page: import("@playwright/test").Page) => page.getByRole("table", { name: "Events" });

test("OR and parentheses search; operator typos are errors pointing at the bad token", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  await record(request, key, {
    events: [
      { type: "Alpha", actor: { id: "bot" }, data: { note: tag, amount: 150 } },
      { type: "Alpha", actor: { id: "ann" }, data: { note: tag, amount: 50 } },
      { type: "Beta", actor: { id: "ann" }, data: { note: tag } },
      { type: "Gamma", data: { note: tag } },
    ],
  });
  await signIn(page, key, `/?q=${encodeURIComponent(`${tag} (type:Alpha OR type:Beta) -actor:bot`)}`);
  await expect(table(page).getByRole("row")).toHaveCount(3); // header + Alpha/ann + Beta
  await expect(table(page)).not.toContainText("Gamma");
  const bad = `${tag} data.amount:>>100`;
  await page.getByLabel("Search").fill(bad);
  await page.getByLabel("Search").press("Enter");
  const problem = page.locator("#q-problem");
  await expect(problem).toContainText("`>>` is not a comparator");
  await expect(problem).toContainText(`at character ${bad.indexOf(">>") + 1}`);
  await expect(table(page)).toHaveCount(0);
  await page.getByLabel("Search").fill(`${tag} type:Alpha or type:Beta`);
  await page.getByLabel("Search").press("Enter");
  await expect(page.locator("#q-problem")).toContainText("`or` is not an operator: write OR in capitals");
});

test("presets stay relative in the URL, and the range boxes are UTC", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  await record(request, key, { events: [{ type: "Timed", data: { note: tag } }] });
  await signIn(page, key, `/?q=${tag}`);
  await page.getByRole("link", { name: "15 min" }).click();
  await expect(page).toHaveURL(/recorded%3A%3E%3Dnow-15m/);
  await expect(page.getByLabel("Search")).toHaveValue(`${tag} recorded:>=now-15m`);
  await expect(page.getByRole("link", { name: "15 min" })).toHaveAttribute("aria-current", "true");
  await expect(table(page)).toContainText("Timed");
  await page.getByLabel("from (UTC)").fill("2026-01-01T14:42");
  await page.getByLabel("to (UTC)").fill("2026-01-01T15:00");
  await page.getByRole("button", { name: "Apply range" }).click();
  await expect(page.getByLabel("Search")).toHaveValue(`${tag} recorded:2026-01-01T14:42Z..2026-01-01T15:00Z`);
});

test("the histogram axis has distinct labels, and the live tail updates its count", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  await record(request, key, { events: [{ type: "First", data: { note: tag } }] });
  await record(request, key, { events: [{ type: "Second", data: { note: tag } }] });
  await signIn(page, key, `/?q=${tag}`);
  const figure = page.getByRole("figure", { name: "Matching events over time" });
  await expect(figure.getByTestId("match-count")).toHaveText("2 matching events");
  const labels = await figure.locator("[aria-hidden=true] span").allTextContents();
  expect(labels.length).toBeGreaterThanOrEqual(2);
  expect(new Set(labels).size).toBe(labels.length);
  await expect(async () => {
    await page.getByLabel("Live tail").setChecked(false);
    await page.getByLabel("Live tail").check();
    await expect(page.getByText("Live: waiting")).toBeVisible({ timeout: 2000 });
  }).toPass();
  await record(request, key, { events: [{ type: "Third", data: { note: tag } }] });
  await expect(figure.getByTestId("match-count")).toHaveText("3 matching events (1 live)");
});

test("full correlation ids and actor names; facets add and exclude terms", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  const correlation = `checkout-7f3a-${tag}`;
  await record(request, key, {
    events: [
      { type: "Paid", actor: { id: "key-123", name: "billing service" }, correlationId: correlation, data: { tag } },
      { type: "Paid", actor: { id: "u-9" }, links: [`Invoice-${tag}`], data: { tag } },
      { type: "Shipped", actor: { id: "u-9" }, data: { tag } },
    ],
  });
  await signIn(page, key, `/?q=${tag}`);
  const link = table(page).getByRole("link", { name: correlation });
  await expect(link).toHaveAttribute("title", correlation);
  await expect(table(page).getByRole("link", { name: "billing service" })).toHaveAttribute("title", /key-123/);
  const facets = page.getByRole("navigation", { name: "Facets" });
  await expect(facets).toContainText("Counts of all 3 matching events");
  await expect(facets.getByRole("region", { name: "Type" })).toContainText("Paid2");
  await expect(facets.getByRole("region", { name: "Stream category" })).toContainText("Invoice1");
  await facets.getByRole("region", { name: "Type" }).getByRole("link", { name: /^Paid/ }).click();
  await expect(page.getByLabel("Search")).toHaveValue(`${tag} type:Paid`);
  await expect(table(page).getByRole("row")).toHaveCount(3);
  await facets
    .getByRole("region", { name: "Actor" })
    .getByRole("link", { name: /^u-9/ })
    .click({ modifiers: ["Alt"] });
  await expect(page.getByLabel("Search")).toHaveValue(`${tag} type:Paid -actor:u-9`);
  await expect(table(page).getByRole("row")).toHaveCount(2);
});

test("a skip link reaches the first row in a few key presses", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  await record(request, key, { events: [{ type: "Reachable", data: { note: tag } }] });
  await signIn(page, key);
  await page.goto(`/?q=${tag}`); // a fresh page: the first Tab starts at the top
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to results" })).toBeFocused();
  await page.keyboard.press("Enter");
  const firstRowLink = table(page).getByRole("row").nth(1).getByRole("link").first();
  for (let presses = 0; presses < 3; presses++) {
    await page.keyboard.press("Tab");
    if (await firstRowLink.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(firstRowLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/events\//);
});

test("at 390 px a row keeps actor, tenant and correlation on screen", async ({ page, request }) => {
  const tag = uniqueTag();
  const admin = { authorization: `Bearer ${process.env.TRAILBOOK_ADMIN_TOKEN}` };
  const [event] = await record(request, admin.authorization.slice(7), {
    events: [{ type: "Narrow", tenant: "narrowco", actor: { id: "u-narrow" }, data: { note: tag } }],
  });
  await signIn(page, await createKey(request, ["read"]), `/?q=${tag}`);
  await page.setViewportSize({ width: 390, height: 800 });
  const row = table(page).getByRole("row").filter({ hasText: "Narrow" });
  for (const text of ["u-narrow", "narrowco", event!.correlationId]) {
    const box = (await row.getByText(text).first().boundingBox())!;
    expect(box.x, text).toBeGreaterThanOrEqual(0);
    expect(box.x + Math.min(box.width, 40), text).toBeLessThanOrEqual(390);
  }
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(1);
});

test("an empty search says so plainly, without an empty table", async ({ page, request }) => {
  await signIn(page, await createKey(request, ["read"]), `/?q=${uniqueTag()}`);
  await expect(page.getByText("No events match this search.")).toBeVisible();
  await expect(table(page)).toHaveCount(0);
});

test("occurred-time presets and histogram, for history recorded all at once", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  await record(request, key, {
    events: [
      { type: "Recent", occurredAt: hoursAgo(0.1), data: { note: tag } },
      { type: "Yesterday", occurredAt: hoursAgo(20), data: { note: tag } },
      { type: "LastWeek", occurredAt: hoursAgo(24 * 6), data: { note: tag } },
    ],
  });
  await signIn(page, key, `/?q=${tag}`);
  await page.getByRole("link", { name: "1 hour" }).click();
  await expect(table(page).getByRole("row")).toHaveCount(4); // all three were recorded just now
  await page.getByRole("link", { name: "Occurred", exact: true }).click();
  await expect(page.getByLabel("Search")).toHaveValue(`${tag} occurred:>=now-1h`);
  await expect(table(page).getByRole("row")).toHaveCount(2);
  await page.getByRole("link", { name: "24 hours" }).click();
  await expect(page.getByLabel("Search")).toHaveValue(`${tag} occurred:>=now-24h`);
  await expect(table(page).getByRole("row")).toHaveCount(3);
  await page.getByRole("link", { name: "7 days" }).click();
  await expect(table(page).getByRole("row")).toHaveCount(4);
  const figure = page.getByRole("figure", { name: "Matching events over time" });
  await expect(figure).toHaveAttribute("data-time", "occurred");
  await expect(figure).toContainText("occurred time");
  const labels = await figure.locator("[aria-hidden=true] span").allTextContents();
  expect(labels[0]).toMatch(/^\d{4}-\d{2}-\d{2}/);
});

test("the Streams page groups streams by category, with counts", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  const category = `Cat${tag}`;
  await record(request, key, { stream: `${category}-1`, events: [{ type: "A" }, { type: "B" }] });
  await record(request, key, { stream: `${category}-2`, events: [{ type: "C" }] });
  await signIn(page, key, "/streams");
  const row = page.getByRole("table", { name: "Stream categories" }).getByRole("row", { name: new RegExp(category) });
  await expect(row.getByRole("cell").nth(1)).toHaveText("2");
  await expect(row.getByRole("cell").nth(2)).toHaveText("3");
  await row.getByRole("link", { name: category }).click();
  await expect(page).toHaveURL(new RegExp(`prefix=${category}-`));
  await expect(page.getByRole("link", { name: `${category}-1` })).toBeVisible();
  await expect(page.getByRole("link", { name: `${category}-2` })).toBeVisible();
});
