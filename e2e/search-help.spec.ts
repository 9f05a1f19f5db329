import { expect, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

test("the search box suggests fields and the values the log holds, and explains the syntax", async ({
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

test("after a search narrowed to one type, the search box still offers the log's other types", async ({
  page,
  request,
}) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  const [a, b] = [`Wide${tag}A`, `Wide${tag}B`];
  // More types than one lookup answers (20), so that narrowing what is typed asks the server again.
  const more = Array.from({ length: 20 }, (_, i) => ({ type: `Wide${tag}C${i}` }));
  await record(request, key, { events: [{ type: a }, { type: b }, ...more] });
  await signIn(page, key, `/?q=${encodeURIComponent(`type:${a}`)}`);
  const facets = page.getByRole("navigation", { name: "Facets" });
  await expect(facets).toContainText(a);
  await expect(facets).not.toContainText(b); // the current search's facets know only A
  const box = page.getByRole("combobox", { name: "Search" });
  await box.fill(`type:${a} type:`);
  // The first types of the whole log, in byte order: the log holds others than A.
  await expect(page.getByRole("option").filter({ hasNotText: a }).first()).toBeVisible();
  let lookups = 0;
  const renders: string[] = []; // of this page, which would run its search (links' prefetches aside)
  page.on("request", (request) => {
    const headers = request.headers();
    if (request.method() === "POST" && headers["next-action"]) lookups++;
    else if (request.isNavigationRequest() || (headers.rsc && !headers["next-router-prefetch"])) {
      renders.push(request.url());
    }
  });
  const typed = `Wide${tag}`;
  await box.pressSequentially(typed);
  await expect(page.getByRole("option", { name: `type:${b}` })).toBeVisible();
  await expect.poll(() => lookups).toBeGreaterThan(0);
  await page.waitForTimeout(500); // any lookup still to come after typing stopped
  expect(lookups).toBeLessThan(typed.length / 2); // when typing pauses, not per keystroke
  expect(renders).toEqual([]);
  await page.getByRole("option", { name: `type:${b}` }).click();
  await expect(box).toHaveValue(`type:${a} type:${b} `);
});

test("a key bound to a tenant is offered only that tenant's values", async ({ page, request }) => {
  const tag = uniqueTag();
  const [mine, theirs] = [`${tag}a`, `${tag}b`];
  for (const [tenant, name] of [
    [mine, "mine"],
    [theirs, "theirs"],
  ]) {
    const event = { type: `${tag}.${name}`, actor: { id: `${tag}-${name}` }, links: [`${tag}-${name}-1`] };
    await record(request, await createKey(request, ["write"], tenant), { events: [event] });
  }
  await signIn(page, await createKey(request, ["read"], mine));
  const box = page.getByRole("combobox", { name: "Search" });
  for (const [typed, offered] of [
    [`type:${tag}`, `type:${tag}.mine`],
    [`actor:${tag}`, `actor:${tag}-mine`],
    [`stream:${tag}-`, `stream:${tag}-mine-*`],
    [`tenant:${tag}`, `tenant:${mine}`],
  ] as const) {
    await box.fill(typed);
    await expect(page.getByRole("option", { name: offered })).toBeVisible();
    await expect(page.getByRole("option")).toHaveCount(1); // the other tenant's value is not there
  }
});
