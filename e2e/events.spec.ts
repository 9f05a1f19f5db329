import { expect, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

test("search narrows the log, errors show inline, and a row opens its event", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  await record(request, key, {
    events: [
      { type: "OrderPlaced", data: { note: tag, amount: 500 } },
      { type: "OrderPlaced", data: { note: tag, amount: 5 } },
      { type: "user.login", data: { note: tag } },
    ],
  });
  await signIn(page, key);
  // Shortcuts work once the page has hydrated; a reader pressing "/" too early just presses again.
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(page.getByLabel("Search")).toBeFocused({ timeout: 500 });
  }).toPass();
  await page.getByLabel("Search").fill(`${tag} type:Order*`);
  await page.getByLabel("Search").press("Enter");
  const rows = page.getByRole("table", { name: "Events" }).getByRole("row");
  await expect(rows).toHaveCount(3); // header + 2
  // The next query is typed once the page has settled on this one (the box is rendered anew with it).
  await expect(page).toHaveURL(/type%3AOrder/);
  await expect(page.getByLabel("Search")).toHaveValue(`${tag} type:Order*`);
  await page.getByLabel("Search").fill(`${tag} data.amount:>100`);
  await page.getByLabel("Search").press("Enter");
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(/data\.amount%3A%3E100/);
  await page.getByLabel("Search").fill(`${tag} colour:blue`);
  await page.getByLabel("Search").press("Enter");
  const problem = page.getByRole("alert").filter({ hasText: "unknown field" });
  await expect(problem).toContainText("unknown field `colour`");
  await expect(problem).toContainText(`at character ${tag.length + 2}`);
  await page.goto(`/?q=${tag}+type:user.login`);
  await rows.nth(1).getByRole("cell").nth(2).click(); // the (empty) streams cell: the row, not a link
  await expect(page).toHaveURL(/\/events\//);
  await expect(page.getByRole("heading", { level: 1, name: "user.login" })).toBeVisible();
});

test("paging keeps its place across reload and back, and jump-to-time lands in the past", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  await record(request, key, {
    events: Array.from({ length: 120 }, (_, i) => ({ type: "Tick", data: { note: tag, i } })),
  });
  await signIn(page, key);
  await page.goto(`/?q=${tag}`);
  const firstCell = page.getByRole("table", { name: "Events" }).getByRole("row").nth(1);
  const newest = await firstCell.textContent();
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/cursor=b\d+/);
  const olderFirst = await firstCell.textContent();
  expect(olderFirst).not.toBe(newest);
  await page.reload();
  await expect(firstCell).toHaveText(olderFirst!);
  await page.getByRole("link", { name: "← Newer" }).click();
  await expect(firstCell).toHaveText(newest!);
  await page.goBack();
  await expect(firstCell).toHaveText(olderFirst!);
  await page.goto(`/?q=${tag}&at=2000-01-01T00:00:00`);
  await expect(page).toHaveURL(/cursor=b1$/);
  await expect(page.getByText("No events match this search.")).toBeVisible();
});

test("live tail prepends a new matching event", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  await record(request, key, { events: [{ type: "Before", data: { note: tag } }] });
  await signIn(page, key, `/?q=${tag}`);
  await expect(async () => {
    await page.getByLabel("Live tail").setChecked(false);
    await page.getByLabel("Live tail").check();
    await expect(page.getByText("Live: waiting")).toBeVisible({ timeout: 2000 });
  }).toPass();
  await record(request, key, { events: [{ type: "ArrivedLive", data: { note: tag } }] });
  const rows = page.getByRole("table", { name: "Events" }).getByRole("row");
  await expect(rows.nth(1)).toContainText("ArrivedLive");
  await expect(rows.nth(2)).toContainText("Before");
});

test("a tenant key sees only its tenant", async ({ page, request }) => {
  const tag = uniqueTag();
  await record(request, await createKey(request, ["write"], "acme"), {
    events: [{ type: "AcmeThing", data: { note: tag } }],
  });
  await record(request, await createKey(request, ["write"], "globex"), {
    events: [{ type: "GlobexThing", data: { note: tag } }],
  });
  await signIn(page, await createKey(request, ["read"], "acme"), `/?q=${tag}`);
  await expect(page.getByText("tenant acme")).toBeVisible();
  await expect(page.getByRole("table", { name: "Events" })).toContainText("AcmeThing");
  await expect(page.getByRole("table", { name: "Events" })).not.toContainText("GlobexThing");
});

test("the histogram zooms into a time range, and a tenant cell filters by tenant", async ({ page, request }) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  await record(request, key, { events: [{ type: "Zoom", tenant: undefined, data: { note: tag } }] });
  const admin = { authorization: `Bearer ${process.env.TRAILBOOK_ADMIN_TOKEN}` };
  await request.post("/api/events", { headers: admin, data: { type: "Zoom", tenant: "zoomco", data: { note: tag } } });
  await signIn(page, key, `/?q=${tag}`);
  const bars = page.getByRole("figure", { name: "Matching events over time" }).getByRole("button");
  await expect(bars).toHaveCount(60);
  const box = (await bars.first().boundingBox())!;
  const end = (await bars.nth(30).boundingBox())!;
  await expect(async () => {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/recorded%3A\d{4}-/, { timeout: 1000 });
  }).toPass();
  await expect(page.getByLabel("Search")).toHaveValue(new RegExp(`^${tag} recorded:\\S+\\.\\.\\S+$`));
  await page.goto(`/?q=${tag}`);
  await page.getByRole("table", { name: "Events" }).getByRole("link", { name: "zoomco" }).click();
  await expect(page.getByLabel("Search")).toHaveValue(`${tag} tenant:zoomco`);
  await expect(page.getByRole("table", { name: "Events" }).getByRole("row")).toHaveCount(2);
});
