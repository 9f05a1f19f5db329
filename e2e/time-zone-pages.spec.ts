import { expect, type Locator, type Page, test } from "@playwright/test";
import { admin, createKey, record, signIn, uniqueTag } from "./fixtures";

// Local mode beyond the explorer (explorer-time-zone.spec.ts): a reader in Berlin, where wall time
// is never UTC's, so a time rendered in UTC cannot pass for Berlin's.
test.use({ timezoneId: "Europe/Berlin" });

/** The compact text a table shows for `iso` in Berlin: month-day and the wall clock to the millisecond. */
function berlinCompact(iso: string): string {
  const wall = new Date(iso).toLocaleString("sv-SE", { timeZone: "Europe/Berlin" }); // 2026-01-01 14:42:05
  return `${wall.slice(5, 10)} ${wall.slice(11)}.${iso.slice(20, 23)}`;
}

/** Every time in `table` reads as Berlin wall time of the instant it holds. */
async function expectBerlinTimes(table: Locator) {
  const times = table.locator("time");
  await expect(times.first()).toBeVisible();
  for (const time of await times.all()) {
    await expect(time).toHaveText(berlinCompact((await time.getAttribute("datetime"))!));
  }
}

const header = (page: Page, name: string) => page.getByRole("columnheader", { name, exact: true });

test("Local mode shows Integrity, Subscriptions and Streams times in the reader's zone", async ({ page, request }) => {
  const tenant = uniqueTag();
  const key = await createKey(request, ["write", "read", "subscribe"], tenant);
  const auth = { authorization: `Bearer ${key}` };
  const name = `tz-${tenant}`;
  const type = `Zoned${tenant}`;
  // A webhook to an address that never answers: one failed attempt in the delivery log, and a
  // retry far enough off that it is still the next one when the page is read.
  const created = await request.post("/api/subscriptions", {
    headers: auth,
    data: {
      name,
      mode: "webhook",
      filter: `type:${type}`,
      start: "now",
      webhook: { url: "https://192.0.2.1/" },
      delivery: { timeoutMs: 100, maxAttempts: 2, initialDelayMs: 600_000 },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await record(request, key, { stream: `Tz${tenant}-a`, events: [{ type }, { type }] });
  expect((await request.post("/api/checkpoints", { headers: admin })).status()).toBeLessThan(300);
  // One whole-log run at a time per server: another spec's run answers 429 for a moment.
  await expect(async () => expect((await request.get("/api/verify", { headers: auth })).status()).toBe(200)).toPass({
    timeout: 30_000,
  });

  await signIn(page, key, "/integrity");
  const times = page.getByRole("group", { name: "Times" });
  await times.getByRole("button", { name: /^Local/ }).click();
  await expect(times.getByRole("button", { name: /^Local/ })).toHaveAttribute("aria-pressed", "true");
  await expect(header(page, "Signed at (Europe/Berlin)")).toBeVisible({ timeout: 15_000 });
  await expect(header(page, "Finished (Europe/Berlin)")).toBeVisible();
  await expectBerlinTimes(page.getByRole("table", { name: "Tree heads" }));
  await expectBerlinTimes(page.getByRole("table", { name: "Verification log" }));

  await page.goto("/subscriptions");
  await expect(header(page, "Last delivery (Europe/Berlin)")).toBeVisible();
  await expect(header(page, "Next retry (Europe/Berlin)")).toBeVisible();
  const log = page.getByRole("table", { name: `Delivery log of ${name}` });
  // The worker makes its attempt in its own time: look again until the log has it.
  await expect(async () => {
    await page.reload();
    await page.getByText(`Delivery log of ${tenant}/${name}`).click();
    await expect(log).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(log.getByRole("columnheader", { name: "Attempted (Europe/Berlin)" })).toBeVisible();
  await expectBerlinTimes(log);
  await expectBerlinTimes(page.getByRole("table", { name: "Subscriptions" }));

  await page.goto(`/streams?category=Tz${tenant}`);
  await expect(header(page, "First event (Europe/Berlin)")).toBeVisible();
  await expect(header(page, "Last activity (Europe/Berlin)")).toBeVisible();
  await expectBerlinTimes(page.getByRole("table", { name: "Streams" }));
  await page.goto("/streams");
  await expect(header(page, "Last activity (Europe/Berlin)")).toBeVisible();
  await expectBerlinTimes(page.getByRole("table", { name: "Stream categories" }));
});
