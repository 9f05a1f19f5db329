import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

/** axe on the page as it stands; the serious and critical violations, one readable line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`every browser page has no serious or critical axe violations (${colorScheme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme });
    const tag = uniqueTag();
    // Tenant-bound with subscribe: the Subscriptions page shows its form and a subscription's row.
    const key = await createKey(request, ["write", "read", "subscribe"], tag);
    const subscription = await request.post("/api/subscriptions", {
      headers: { authorization: `Bearer ${key}` },
      data: { name: `axe-${tag}`, mode: "pull" },
    });
    expect(subscription.status(), await subscription.text()).toBe(201);
    const stream = `Axe-${tag}`;
    const [first, second] = await record(request, key, {
      stream,
      events: [
        { type: "AxeChecked", data: { step: 1, note: tag } },
        { type: "AxeChecked", data: { step: 2, extra: [1, 2] } },
      ],
    });
    const found: Record<string, string[]> = {};
    const check = async (path: string) => {
      await page.goto(path);
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[path] = violations;
    };
    await check("/sign-in");
    await signIn(page, key);
    for (const path of [
      "/",
      `/?q=${tag}`,
      `/events/${second!.id}`,
      `/events/${first!.id}`,
      `/streams/${stream}`,
      "/streams",
      "/streams?category=Axe&sort=activity",
      `/correlations/${encodeURIComponent(second!.correlationId)}`,
      "/types",
      "/integrity",
      "/subscriptions",
      `/events/${randomUUID()}`,
      `/no-such-page-${tag}`,
    ]) {
      await check(path);
    }
    expect(found).toEqual({});
  });
}
