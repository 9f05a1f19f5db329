import { expect, type Page, test } from "@playwright/test";
import { admin, createNamedKey, record, signIn, uniqueTag } from "./fixtures";

/** The value beside a term of the event page's facts list. */
const fact = (page: Page, term: string) => page.locator("dt", { hasText: term }).locator("+ dd");

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
