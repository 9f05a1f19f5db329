import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

test("an event leads to its correlation, whose tree shows who caused whom", async ({ page, request }) => {
  const key = await createKey(request, ["write", "read"]);
  const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const stream = `Order-${uniqueTag()}`;
  await record(request, key, {
    stream,
    events: [
      { id: a, type: "OrderPlaced" },
      { id: b, type: "PaymentCaptured", causationId: a },
      { id: c, type: "OrderShipped", causationId: b },
      { id: d, type: "EmailSent", causationId: a },
    ],
  });
  await signIn(page, key, `/events/${c}`);
  await expect(page.getByRole("heading", { level: 1, name: "OrderShipped" })).toBeVisible();
  await expect(page.getByText("Caused by:")).toContainText("PaymentCaptured");
  await page.getByRole("link", { name: /whole flow/ }).click();
  const tree = page.getByRole("list", { name: "Causation tree" });
  await expect(tree).toBeVisible();
  const root = tree.locator(":scope > li");
  await expect(root).toHaveCount(1);
  await expect(root.locator(":scope > div")).toContainText("OrderPlaced");
  const children = root.locator(":scope > ul > li");
  await expect(children).toHaveCount(2);
  await expect(children.nth(0).locator(":scope > div")).toContainText("PaymentCaptured");
  await expect(children.nth(0).locator(":scope > ul > li > div")).toContainText("OrderShipped");
  await expect(children.nth(1).locator(":scope > div")).toContainText("EmailSent");
  await expect(tree.locator('[aria-current="true"]')).toContainText("OrderShipped");
  await page.getByRole("link", { name: stream }).first().click();
  await expect(page.getByRole("heading", { name: `Stream ${stream}` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Events" }).getByRole("row")).toHaveCount(5);
});

test("streams and types are listed with counts, and ctrl+K jumps to a stream", async ({ page, request }) => {
  const key = await createKey(request, ["write", "read"]);
  const tag = uniqueTag();
  const type = `Audit.${tag}`;
  await record(request, key, { stream: `Cart-${tag}`, events: [{ type }, { type }, { type: "Other" }] });
  await signIn(page, key, "/streams");
  await page.getByLabel("Name starts with").fill(`Cart-${tag}`);
  await page.getByRole("button", { name: "Find" }).click();
  const row = page.getByRole("row", { name: new RegExp(`Cart-${tag}`) });
  await expect(row.getByRole("cell").nth(1)).toHaveText("3");
  await page.goto("/types");
  const typeRow = page.getByRole("row", { name: new RegExp(type.replace(".", "\\.")) });
  await expect(typeRow.getByRole("cell").nth(1)).toHaveText("2");
  await typeRow.getByRole("link").click();
  await expect(page.getByLabel("Search")).toHaveValue(`type:${type}`);
  await expect(async () => {
    await page.keyboard.press("Control+k");
    await expect(page.getByRole("textbox", { name: /stream name/ })).toBeVisible({ timeout: 500 });
  }).toPass();
  await page.getByRole("textbox", { name: /stream name/ }).fill(`Cart-${tag}`);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: `Stream Cart-${tag}` })).toBeVisible();
});

test("user-supplied text renders inert", async ({ page, request }) => {
  const key = await createKey(request, ["write", "read"]);
  const stream = `<img src=x onerror="window.__xss=1">${uniqueTag()}`;
  const [event] = await record(request, key, {
    stream,
    events: [
      {
        type: "Xss",
        data: { html: "<script>window.__xss=1</script>", link: "javascript:window.__xss=1", rtl: "\u202Egnp.exe" },
        actor: { id: "<b onmouseover=window.__xss=1>actor</b>" },
      },
    ],
  });
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  await signIn(page, key, `/events/${event!.id}`);
  await expect(page.getByText('"<script>window.__xss=1</script>"')).toBeVisible();
  await expect(page.getByText('"javascript:window.__xss=1"')).toBeVisible();
  await page.goto(`/?q=type:Xss`);
  await expect(page.getByRole("table", { name: "Events" })).toContainText("<b onmouseover=window.__xss=1>actor</b>");
  await page.goto(`/streams/${encodeURIComponent(stream)}`);
  await expect(page.getByRole("heading", { name: `Stream ${stream}` })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(
    await page
      .locator("script:not([src])")
      .evaluateAll((nodes) =>
        nodes.some((n) => n.textContent?.includes("__xss=1") && !n.textContent.includes("\\u003c")),
      ),
  ).toBe(false);
  expect(dialogs).toBe(0);
});
