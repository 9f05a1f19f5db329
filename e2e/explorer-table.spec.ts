import { expect, type Page, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

// A reader in Berlin (UTC+1 in winter, +2 in summer): "local" must differ from UTC.
test.use({ timezoneId: "Europe/Berlin" });

const table = (page: Page) => page.getByRole("table", { name: "Events" });
const headers = (page: Page) => table(page).getByRole("columnheader");
const rowOf = (page: Page, text: string) => table(page).locator("tr[data-row]").filter({ hasText: text });

/**
 * Shortcuts work once the page has hydrated: retry the first key press until then, each time from
 * nothing focused, so a press that did land before the check is not counted twice.
 */
async function pressWhenHydrated(page: Page, key: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press(key);
    await check();
  }).toPass({ timeout: 15_000 });
}

test("a column chooser, remembered across visits", async ({ page, request }) => {
  // The server renders the default columns and the browser applies the saved choice after
  // hydration: no hydration error (React reports those on the console) and no cell out of place.
  const errors: string[] = [];
  page.on("console", (message) => {
    // Any console error fails the spec, a missing favicon's 404 included.
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  const [event] = await record(request, key, { events: [{ type: "Chosen", data: { note: tag } }] });
  await signIn(page, key, `/?q=${tag}`);
  await expect(headers(page)).toContainText(["Recorded", "Type", "Data", "Streams", "Actor", "Tenant", "Correlation"]);
  await expect(headers(page).filter({ hasText: "Event id" })).toHaveCount(0);
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("checkbox", { name: "Event id" }).check();
  await page.getByRole("checkbox", { name: "Streams" }).uncheck();
  await expect(headers(page).filter({ hasText: "Event id" })).toHaveCount(1);
  await expect(headers(page).filter({ hasText: "Streams" })).toHaveCount(0);
  // Header and cells agree: as many cells in a row as headers.
  await expect(rowOf(page, "Chosen").getByRole("cell")).toHaveCount(await headers(page).count());
  await page.reload();
  await expect(headers(page).filter({ hasText: "Event id" })).toHaveCount(1);
  await expect(headers(page).filter({ hasText: "Streams" })).toHaveCount(0);
  await expect(rowOf(page, "Chosen")).toContainText(event!.id);
  await expect(rowOf(page, "Chosen").getByRole("cell")).toHaveCount(await headers(page).count());
  expect(errors).toEqual([]);
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("button", { name: "Reset to defaults" }).click();
  await expect(headers(page).filter({ hasText: "Event id" })).toHaveCount(0);
  await expect(headers(page).filter({ hasText: "Streams" })).toHaveCount(1);
});

test("the data preview is one line of compact JSON, as text, cut by CSS, whole on hover", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  const data = { note: tag, html: "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>", n: 1 };
  const long = { note: tag, long: "y".repeat(400) };
  await record(request, key, {
    events: [
      { type: "Hostile", data },
      { type: "Long", data: long },
    ],
  });
  await signIn(page, key, `/?q=${tag}`);
  const preview = rowOf(page, "Hostile").getByRole("cell").nth(2);
  await expect(preview).toContainText("<script>window.__pwned=1</script>");
  const text = (await preview.textContent())!;
  expect(JSON.parse(text)).toEqual(data); // compact JSON, in the database's key order
  expect(text).not.toContain("\n");
  await expect(preview.locator("[title]")).toHaveAttribute("title", text);
  await expect(table(page).locator("script, img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  const cut = rowOf(page, "Long").getByRole("cell").nth(2).locator("[title]");
  expect(JSON.parse((await cut.textContent())!)).toEqual(long); // all of it in the DOM
  const style = await cut.evaluate((el) => ({
    overflow: getComputedStyle(el).textOverflow,
    cut: el.scrollWidth > el.clientWidth,
    lines: el.getBoundingClientRect().height < 2.5 * Number.parseFloat(getComputedStyle(el).fontSize),
  }));
  expect(style).toEqual({ overflow: "ellipsis", cut: true, lines: true });
});

test("row details expand in place; a click elsewhere on the row still opens the event", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  await record(request, key, {
    events: [{ type: "Detailed", data: { note: tag, nested: { amount: 42 } }, metadata: { source: "spec" } }],
  });
  await signIn(page, key, `/?q=${tag}`);
  const url = page.url();
  const toggle = table(page).getByRole("button", { name: /^Details of Detailed/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const details = table(page).locator("tr[data-details-of]");
  await expect(details.getByRole("list", { name: /^Data of/ })).toContainText("amount: 42");
  await expect(details.getByRole("list", { name: /^Metadata of/ })).toContainText('source: "spec"');
  expect(page.url()).toBe(url);
  await details.getByRole("list", { name: /^Data of/ }).click(); // inside the details: stays
  expect(page.url()).toBe(url);
  await toggle.click();
  await expect(details).toHaveCount(0);
  await rowOf(page, "Detailed").getByRole("cell").nth(2).click();
  await expect(page).toHaveURL(/\/events\//);
  await expect(page.getByRole("heading", { level: 1, name: "Detailed" })).toBeVisible();
});

test("relative times, with the absolute time on hover", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  const occurredAt = new Date(Date.now() - 3 * 3_600_000 - 60_000).toISOString();
  await record(request, key, { events: [{ type: "Timely", occurredAt, data: { note: tag } }] });
  await signIn(page, key, `/?q=${tag}`);
  const recorded = rowOf(page, "Timely").getByRole("cell").first().locator("time");
  await expect(recorded).toHaveText("just now");
  const iso = await recorded.getAttribute("datetime");
  expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await expect(recorded).toHaveAttribute("title", `${iso} (UTC)`);
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("checkbox", { name: "Occurred" }).check();
  const occurred = rowOf(page, "Timely").locator("time").nth(1);
  await expect(occurred).toHaveText("3 h ago");
  await expect(occurred).toHaveAttribute("datetime", occurredAt);
  await expect(occurred).toHaveAttribute("title", `${occurredAt} (UTC)`);
});

test("full ids: cut short by CSS, whole in the DOM, copied whole", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  const correlationId = `checkout-7f3a-${tag}-${"z".repeat(40)}`;
  const [event] = await record(request, key, { events: [{ type: "Ided", correlationId, data: { note: tag } }] });
  await signIn(page, key, `/?q=${tag}`);
  const row = rowOf(page, "Ided");
  const link = row.getByRole("link", { name: correlationId });
  await expect(link).toHaveText(correlationId);
  expect(await link.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await row.getByRole("button", { name: "Copy correlation id" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(correlationId);
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("checkbox", { name: "Event id" }).check();
  await expect(row.getByText(event!.id, { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Copy event id" })).toHaveAttribute("data-copy", event!.id);
  await row.getByRole("button", { name: "Copy event id" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(event!.id);
  await expect(page).not.toHaveURL(/\/events\//); // copying does not open the row
});

test("keyboard: j/k move a visible focus, Enter opens, Esc closes details and dialogs", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  await record(request, key, {
    events: ["KeyOne", "KeyTwo", "KeyThree"].map((type) => ({ type, data: { note: tag } })),
  });
  await signIn(page, key, `/?q=${tag}`);
  const rows = table(page).locator("tr[data-row]");
  await pressWhenHydrated(page, "j", () => expect(rows.nth(0)).toBeFocused({ timeout: 500 }));
  await expect(rows.nth(0)).toContainText("KeyThree"); // newest first
  const ring = await rows
    .nth(0)
    .evaluate((el) => getComputedStyle(el).outlineStyle + getComputedStyle(el).outlineWidth);
  expect(ring).toBe("solid2px");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press("j"); // stays on the last row
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press("k");
  await expect(rows.nth(1)).toBeFocused();

  await rows
    .nth(1)
    .getByRole("button", { name: /^Details of KeyTwo/ })
    .click();
  await expect(table(page).locator("tr[data-details-of]")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(table(page).locator("tr[data-details-of]")).toHaveCount(0);
  await expect(rows.nth(1)).toBeFocused();

  await page.keyboard.press("Control+k");
  const dialog = page.getByRole("dialog", { name: "Jump to" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.keyboard.press("/");
  await expect(page.getByLabel("Search")).toBeFocused();
  await page.keyboard.press("j"); // typing (over the selected query), not moving
  await expect(page.getByLabel("Search")).toHaveValue("j");
  await expect(page.getByLabel("Search")).toBeFocused();
  await page.getByLabel("Search").fill(tag);

  await rows.nth(1).focus();
  await page.keyboard.press("k");
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/events\//);
  await expect(page.getByRole("heading", { level: 1, name: "KeyThree" })).toBeVisible();
});

test("at 390 px the stacked rows keep the new columns and details on screen", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  await record(request, key, {
    events: [{ type: "Stacked", correlationId: `c-${tag}-${"q".repeat(60)}`, data: { note: tag, x: "w".repeat(300) } }],
  });
  await signIn(page, key, `/?q=${tag}`);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("checkbox", { name: "Event id" }).check();
  await page.getByText("Columns", { exact: true }).click();
  const row = rowOf(page, "Stacked");
  for (const label of ["Data", "Correlation", "Event id", "Details"]) {
    const cell = row.locator(`td[data-label="${label}"]`);
    const box = (await cell.boundingBox())!;
    expect(box.x, label).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, label).toBeLessThanOrEqual(390);
  }
  await row.getByRole("button", { name: /^Details of Stacked/ }).click();
  await expect(table(page).locator("tr[data-details-of]")).toContainText("note");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(1);
});
