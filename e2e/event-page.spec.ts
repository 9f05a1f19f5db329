import { expect, type Locator, type Page, test } from "@playwright/test";
import { admin, createKey, createNamedKey, record, signIn, uniqueTag } from "./fixtures";

/** The value beside a term of the event page's facts list. */
const fact = (page: Page, term: string) => page.locator("dt", { hasText: term }).locator("+ dd");
/** The cells of the one row of a data comparison whose text matches `name`. */
const cells = (comparison: Locator, name: RegExp) => comparison.getByRole("row", { name }).getByRole("cell");

test("the event page names the key that recorded the event, with its id on hover", async ({ page, request }) => {
  const tag = uniqueTag();
  const name = `billing-service-${tag}`;
  const writer = await createNamedKey(request, name, ["write", "read"]);
  const [byKey] = await record(request, writer.secret, { events: [{ type: "ByKey", data: { tag } }] });
  const [byToken] = await record(request, admin.authorization.slice("Bearer ".length), {
    events: [{ type: "ByToken", data: { tag } }],
  });

  await signIn(page, writer.secret, `/events/${byKey!.id}`);
  await expect(fact(page, "Recorded by")).toHaveText(name);
  await expect(fact(page, "Recorded by").locator("[title]")).toHaveAttribute("title", `key ${writer.id}`);

  await page.goto(`/events/${byToken!.id}`);
  await expect(fact(page, "Recorded by")).toHaveText("bootstrap token");
});

test("an event in two streams is compared with the previous event of each", async ({ page, request }) => {
  const key = await createKey(request, ["write", "read"]);
  const tag = uniqueTag();
  const cart = `Cart-${tag}`;
  const user = `User-${tag}`;
  const [opened] = await record(request, key, {
    stream: cart,
    events: [{ type: "Opened", data: { n: 1, s: "open" } }],
  });
  const [seen] = await record(request, key, { stream: user, events: [{ type: "Seen", data: { n: 2, seen: true } }] });
  // Appended to the cart and linked into the user's stream: version 1 of both.
  const [paid] = await record(request, key, {
    stream: cart,
    events: [{ type: "Paid", data: { n: 3, s: "paid" }, links: [user] }],
  });

  await signIn(page, key, `/events/${paid!.id}`);
  const sinceCart = page.getByRole("region", { name: `Changes since Opened (${opened!.id})` });
  await expect(sinceCart).toContainText(`version 0 of ${cart}`);
  await expect(sinceCart.getByRole("row")).toHaveCount(3);
  await expect(cells(sinceCart, /changed n/)).toHaveText(["~ changed", "n", "1", "3"]);
  await expect(cells(sinceCart, /changed s/)).toHaveText(["~ changed", "s", `"open"`, `"paid"`]);

  const sinceUser = page.getByRole("region", { name: `Changes since Seen (${seen!.id})` });
  await expect(sinceUser).toContainText(`version 0 of ${user}`);
  await expect(sinceUser.getByRole("row")).toHaveCount(4);
  await expect(cells(sinceUser, /changed n/)).toHaveText(["~ changed", "n", "2", "3"]);
  await expect(cells(sinceUser, /removed seen/)).toHaveText(["− removed", "seen", "true", ""]);
  await expect(cells(sinceUser, /added s/)).toHaveText(["+ added", "s", "", `"paid"`]);
  await expect(sinceUser.getByRole("link", { name: "Seen" })).toHaveAttribute("href", `/events/${seen!.id}`);
});
