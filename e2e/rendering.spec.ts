import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

const XSS = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload="window.__xss=1">',
  "javascript:window.__xss=1",
  "{{constructor.constructor('window.__xss=1')()}}",
];
const FORMULAS = ['=HYPERLINK("http://evil.test","x")', "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1"];
const RTL = "\u202Egnp.exe";

test("hostile text renders inert in every view, bidi overrides show as markers, the CSV neutralises formulas", async ({
  page,
  request,
}) => {
  const tag = uniqueTag();
  const key = await createKey(request, ["write", "read", "export"]);
  const stream = `<img src=x onerror="window.__xss=1">${RTL}${tag}`;
  const [cause] = await record(request, key, {
    stream,
    events: [
      {
        type: "Hostile",
        correlationId: `=cmd|' /C calc'!A0 ${tag}`,
        actor: { id: FORMULAS[0], name: RTL, type: XSS[1] },
        targets: [{ id: XSS[2], name: FORMULAS[3] }],
        data: { tag, xss: XSS, formulas: FORMULAS, rtl: RTL, [XSS[0]!]: "key" },
        metadata: { note: XSS[3] },
      },
    ],
  });
  const [effect] = await record(request, key, {
    events: [
      {
        type: "Hostile.Effect",
        causationId: cause!.id,
        correlationId: cause!.correlationId,
        actor: { id: RTL },
        data: { tag },
      },
    ],
  });

  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  await signIn(page, key, `/?q=${tag}`);
  const views = [
    `/?q=${tag}`,
    `/events/${cause!.id}`,
    `/events/${effect!.id}`,
    `/streams?prefix=${encodeURIComponent("<img")}`,
    `/streams/${encodeURIComponent(stream)}`,
    `/correlations/${encodeURIComponent(cause!.correlationId)}`,
    "/types",
    "/integrity",
    `/go?to=${encodeURIComponent(XSS[0]!)}`,
  ];
  for (const view of views) {
    await page.goto(view);
    if (view.startsWith("/go")) await page.waitForURL((url) => url.pathname !== "/go"); // it redirects to a search
    await expect(page.getByRole("main"), view).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), view).toBeUndefined();
    // Nothing of the payloads became an element: no injected img, svg or inline script carrying them.
    expect(await page.locator("img[src=x], svg[onload], main script").count(), view).toBe(0);
    // A bidi override never reaches the screen as an override: it is shown as a marker.
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, the rendered text on purpose
    expect(await page.locator("main").innerText(), view).not.toContain("\u202E");
  }
  expect(dialogs).toBe(0);

  await page.goto(`/events/${cause!.id}`);
  await expect(page.getByRole("main")).toContainText("⟨U+202E⟩gnp.exe");
  await expect(page.getByRole("main")).toContainText(XSS[0]!);
  await page.goto(`/?q=${tag}`);
  await expect(page.getByRole("table", { name: "Events" })).toContainText(`⟨U+202E⟩gnp.exe`);

  // The CSV the browser's export link downloads: formula-leading cells start with a quote mark.
  const csv = await (await page.request.get(`/api/export?format=csv&q=${tag}`)).text();
  const parsed: Record<string, string>[] = parse(csv, { columns: true, relax_column_count: true });
  const rows = parsed.filter((r) => r.position !== "#manifest");
  expect(rows).toHaveLength(2);
  const hostile = rows.find((r) => r.type === "Hostile")!;
  expect(hostile.actor_id).toBe(`'${FORMULAS[0]}`);
  expect(hostile.correlation_id).toBe(`'=cmd|' /C calc'!A0 ${tag}`);
  for (const row of rows) {
    for (const [column, cell] of Object.entries(row)) expect(cell, `${column}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
  }
  expect(JSON.parse(hostile.data!)).toMatchObject({ formulas: FORMULAS, rtl: RTL }); // JSON cells keep the data exactly
});
