import { expect, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

const DAY_MS = 86_400_000;

// The demo seed's shape (lib/seed): a month of history in occurredAt, all recorded in one moment,
// because recordedAt is the server's clock at append and cannot be backdated.
test("a result recorded in a moment but spread over weeks points to its occurred-time view", async ({
  page,
  request,
}) => {
  const key = await createKey(request, ["write", "read"]);
  const backfill = uniqueTag();
  const end = Date.parse("2026-01-31T12:00:00Z");
  await record(request, key, {
    events: Array.from({ length: 31 }, (_, day) => ({
      type: "Backfilled",
      occurredAt: new Date(end - (30 - day) * DAY_MS).toISOString(),
      data: { tag: backfill },
    })),
  });
  const live = uniqueTag();
  await record(request, key, {
    events: [
      { type: "Live", data: { tag: live } },
      { type: "Live", data: { tag: live } },
    ],
  });

  await signIn(page, key, `/?q=${backfill}`);
  const figure = page.getByRole("figure", { name: "Matching events over time" });
  await expect(figure).toContainText("recorded time");
  const hint = page.getByRole("note").filter({ hasText: "were recorded within" });
  await expect(hint).toHaveText(
    /^These events were recorded within \d+ s but occurred over 30 days: show by occurred time$/,
  );
  await hint.getByRole("link", { name: "show by occurred time" }).click();
  await expect(page.getByLabel("Search")).toHaveValue(`${backfill} occurred:2026-01-01..2026-01-31`);
  await expect(figure).toContainText("occurred time");
  await expect(page.getByRole("table", { name: "Events" }).locator("tr[data-row]")).toHaveCount(31);
  await expect(hint).toHaveCount(0);

  // Events that occurred as they were recorded need no hint.
  await page.goto(`/?q=${live}`);
  await expect(figure).toContainText("recorded time");
  await expect(hint).toHaveCount(0);
});
