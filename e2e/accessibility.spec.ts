import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
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
    // Fourteen axe scans of several seconds each under a loaded CI machine: three times the default.
    test.slow();
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

/** Records the events these scans look at: two, so a row can open; one occurred ten days back. */
async function recordExplorerEvents(request: APIRequestContext, key: string, tag: string) {
  const occurredAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
  return record(request, key, {
    stream: `Axe-${tag}`,
    events: [
      // Recorded together, occurred ten days apart: the page shows its occurred-time hint too.
      { type: "AxeOpened", occurredAt, data: { note: tag, nested: { list: [1, 2] } } },
      { type: "AxeOpened", data: { note: tag } },
    ],
  });
}

test.describe("with the explorer's UI open and in local time", () => {
  // A reader in Berlin: "Local" is a zone other than UTC, so the local-time scans see its labels.
  test.use({ timezoneId: "Europe/Berlin" });
  for (const colorScheme of ["light", "dark"] as const) {
    test(`popovers, dialogs, details and a query error (${colorScheme})`, async ({ page, request }) => {
      await page.emulateMedia({ colorScheme });
      const tag = uniqueTag();
      const key = await createKey(request, ["write", "read"], tag);
      await recordExplorerEvents(request, key, tag);
      const found: Record<string, string[]> = {};
      const scan = async (state: string) => {
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[state] = violations;
      };
      const table = page.getByRole("table", { name: "Events" });
      await signIn(page, key, `/?q=${tag}`);
      await expect(table.locator("tr[data-row]")).toHaveCount(2);
      await expect(page.getByRole("note")).toContainText("show by occurred time");

      await page.getByText("Syntax", { exact: true }).click();
      await expect(page.getByText("(type:A OR type:B) -actor:bot")).toBeVisible();
      await scan("syntax help open");
      await page.getByText("Syntax", { exact: true }).click();

      await page.getByText("Columns", { exact: true }).click();
      await expect(page.getByRole("checkbox", { name: "Event id" })).toBeVisible();
      await scan("column chooser open");
      await page.keyboard.press("Escape");

      await table
        .getByRole("button", { name: /^Details of AxeOpened/ })
        .first()
        .click();
      await expect(table.locator("tr[data-details-of]")).toBeVisible();
      await scan("row details expanded");

      await page.keyboard.press("Control+k");
      await expect(page.getByRole("dialog", { name: "Jump to" })).toBeVisible();
      await scan("jump dialog open");
      await page.keyboard.press("Escape");

      await page.getByRole("combobox", { name: "Search" }).fill(`${tag} ty`);
      await expect(page.getByRole("option", { name: "type:" })).toBeVisible();
      await scan("autocomplete open");

      await page.goto(`/?q=${encodeURIComponent(`${tag} data.amount:>>100`)}`);
      await expect(page.locator("#q-problem")).toBeVisible();
      await scan("query error");
      expect(found).toEqual({});
    });

    test(`every page in local time (${colorScheme})`, async ({ page, request }) => {
      await page.emulateMedia({ colorScheme });
      const tag = uniqueTag();
      const key = await createKey(request, ["write", "read", "subscribe"], tag);
      const [event] = await recordExplorerEvents(request, key, tag);
      const found: Record<string, string[]> = {};
      await signIn(page, key, `/?q=${tag}`);
      const local = page.getByRole("group", { name: "Times" }).getByRole("button", { name: /^Local/ });
      await local.click();
      await expect(local).toHaveAttribute("aria-pressed", "true");
      for (const path of [`/?q=${tag}`, `/events/${event!.id}`, "/streams", "/integrity", "/subscriptions"]) {
        await page.goto(path);
        await expect(local).toHaveAttribute("aria-pressed", "true");
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[path] = violations;
      }
      expect(found).toEqual({});
    });
  }
});
