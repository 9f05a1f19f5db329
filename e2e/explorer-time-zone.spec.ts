import { expect, type Page, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

// A reader in Berlin (UTC+1 in winter): "local" must differ from UTC. The table's other features
// are in explorer-table.spec.ts.
test.use({ timezoneId: "Europe/Berlin" });

const table = (page: Page) => page.getByRole("table", { name: "Events" });
const rowOf = (page: Page, text: string) => table(page).locator("tr[data-row]").filter({ hasText: text });

test("one time-zone setting, UTC by default, local as a toggle, for times shown and typed", async ({
  page,
  request,
}) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read"]);
  const occurredAt = "2026-01-01T13:42:05.000Z";
  const [event] = await record(request, key, { events: [{ type: "Zoned", occurredAt, data: { note: tag } }] });
  await signIn(page, key, `/?q=${tag}`);
  const times = page.getByRole("group", { name: "Times" });
  await expect(times.getByRole("button", { name: "UTC" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("from (UTC)")).toBeVisible();
  await expect(page.getByLabel("Jump to time (UTC)")).toBeVisible();
  await expect(page.getByRole("figure", { name: "Matching events over time" })).toContainText(" UTC, recorded time");
  await table(page)
    .getByRole("button", { name: /^Details of Zoned/ })
    .click();
  await expect(table(page).locator("tr[data-details-of]")).toContainText("2026-01-01 13:42:05.000 UTC");

  await times.getByRole("button", { name: /^Local/ }).click();
  await expect(times.getByRole("button", { name: /^Local/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("from (Europe/Berlin)")).toBeVisible();
  await expect(page.getByLabel("Jump to time (Europe/Berlin)")).toBeVisible();
  const figure = page.getByRole("figure", { name: "Matching events over time" });
  await expect(figure).toContainText(" Europe/Berlin, recorded time");
  await expect(table(page).locator("tr[data-details-of]")).toContainText("2026-01-01 14:42:05.000 Europe/Berlin");
  const recorded = rowOf(page, "Zoned").locator("time").first();
  await expect(recorded).toHaveAttribute("title", /Europe\/Berlin \(UTC\+01:00\) = .*Z$/);

  // The range boxes read Berlin wall time and write UTC into the URL.
  await page.getByLabel("from (Europe/Berlin)").fill("2026-01-01T14:42");
  await page.getByLabel("to (Europe/Berlin)").fill("2026-01-01T15:00");
  await page.getByRole("button", { name: "Apply range" }).click();
  await expect(page.getByLabel("Search")).toHaveValue(`${tag} recorded:2026-01-01T13:42Z..2026-01-01T14:00Z`);

  // Remembered in a cookie: the server's own render (no script) already uses it, on every page.
  const html = await (await page.request.get(`/events/${event!.id}`)).text();
  expect(html).toContain("2026-01-01 14:42:05.000 Europe/Berlin");
  await page.goto(`/events/${event!.id}`);
  await expect(page.getByText("2026-01-01 14:42:05.000 Europe/Berlin")).toBeVisible();
  await expect(page.getByText("2026-01-01 13:42:05.000 (UTC)")).toBeVisible(); // the other zone, beside it
  await page.goto(`/correlations/${event!.correlationId}`);
  await expect(page.getByRole("main")).toContainText(/from \d{4}-\d\d-\d\d [\d:.]+ Europe\/Berlin to /);
  await page.goto("/types");
  await expect(page.getByRole("columnheader", { name: "First seen (Europe/Berlin)" })).toBeVisible();

  // Jump to a Berlin wall time half an hour ago: before the event (read as UTC it would be after).
  await page.goto(`/?q=${tag}`);
  const berlin = (ms: number) => new Date(ms).toLocaleString("sv-SE", { timeZone: "Europe/Berlin" }).replace(" ", "T");
  await page.getByLabel("Jump to time (Europe/Berlin)").fill(berlin(Date.now() - 30 * 60_000));
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await expect(page).toHaveURL(/cursor=b\d+/);
  await expect(page.getByText("No events match this search.")).toBeVisible();

  await page.getByRole("group", { name: "Times" }).getByRole("button", { name: "UTC" }).click();
  // The setting is a cookie and a server re-render: under CI load that once took over the default 5 s.
  await expect(page.getByLabel("from (UTC)")).toBeVisible({ timeout: 15_000 });
});

test("the syntax help says typed times are UTC, and names the zone shown when it is not", async ({ page, request }) => {
  const key = await createKey(request, ["read"]);
  await signIn(page, key, "/");
  const help = page.locator("details", { has: page.getByText("Syntax", { exact: true }) });
  await page.getByText("Syntax", { exact: true }).click();
  await expect(help).toContainText("Times are UTC.");
  await expect(help).not.toContainText("whatever the display setting");

  const times = page.getByRole("group", { name: "Times" });
  await times.getByRole("button", { name: /^Local/ }).click();
  await expect(times.getByRole("button", { name: /^Local/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("from (Europe/Berlin)")).toBeVisible({ timeout: 15_000 });
  if (!(await help.getAttribute("open"))) await page.getByText("Syntax", { exact: true }).click();
  await expect(help).toContainText("Times you type are UTC, whatever the display setting (now: Europe/Berlin).");
});
