import { expect, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

test("the main views fit a narrow screen without page-wide horizontal scrolling", async ({ page, request }) => {
  const key = await createKey(request, ["write", "read"]);
  const tag = uniqueTag();
  const [event] = await record(request, key, {
    stream: `Narrow-${tag}`,
    events: [{ type: "NarrowCheck", data: { note: tag, long: "x".repeat(300) } }],
  });
  await signIn(page, key);
  for (const path of [
    `/?q=${tag}`,
    `/events/${event!.id}`,
    "/streams",
    `/streams/Narrow-${tag}`,
    `/correlations/${event!.correlationId}`,
    "/types",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("banner")).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(1);
  }
});
