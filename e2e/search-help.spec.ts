import { expect, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

test("the search box suggests fields and the values the facets found, and explains the syntax", async ({
  page,
  request,
}) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  const type = `Suggested${tag}`;
  await record(request, key, { events: [{ type, data: { note: tag } }] });
  await signIn(page, key, `/?q=${tag}`);
  await expect(page.getByRole("navigation", { name: "Facets" })).toContainText(type); // values are known
  const box = page.getByRole("combobox", { name: "Search" });
  await box.fill(`${tag} ty`);
  await expect(page.getByRole("option", { name: "type:" })).toBeVisible();
  await box.press("ArrowDown");
  await box.press("Enter");
  await expect(box).toHaveValue(`${tag} type:`);
  await box.pressSequentially("Sugg");
  await expect(page.getByRole("option", { name: `type:${type}` })).toBeVisible();
  await box.press("ArrowDown");
  await box.press("Tab");
  await expect(box).toHaveValue(`${tag} type:${type} `);
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`type%3A${type}`));
  await expect(page.getByRole("table", { name: "Events" }).getByRole("row")).toHaveCount(2);
  await page.getByText("Syntax", { exact: true }).click();
  await expect(page.getByText("(type:A OR type:B) -actor:bot")).toBeVisible();
});
