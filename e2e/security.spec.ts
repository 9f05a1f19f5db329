import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

const admin = { authorization: `Bearer ${process.env.TRAILBOOK_ADMIN_TOKEN}` };

/** Every page under app/ as a URL (dynamic segments filled in), found on disk so a new page is covered. */
function everyPage(): string[] {
  const files = fs.readdirSync("app", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("page.tsx"));
  return files
    .map((file) =>
      path
        .dirname(file)
        .split(path.sep)
        .filter((s) => s !== "." && !s.startsWith("(")) // route groups are not in the URL
        .map((s) => (s.startsWith("[") ? "00000000-0000-4000-8000-000000000000" : s))
        .join("/"),
    )
    .map((p) => `/${p}${p === "go" ? "?to=x" : ""}`)
    .filter((p) => p !== "/sign-in");
}

test("every page refuses a visitor without a session, and a session whose key was revoked", async ({
  page,
  request,
}) => {
  const pages = everyPage();
  expect(pages.length).toBeGreaterThanOrEqual(8);
  for (const url of pages) {
    await page.goto(url);
    await expect(page, url).toHaveURL(/\/sign-in\?next=/);
  }
  const created = await (
    await request.post("/api/keys", { headers: admin, data: { name: "revoked-later", scopes: ["read"] } })
  ).json();
  await signIn(page, created.secret);
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
  expect((await request.delete(`/api/keys/${created.id}`, { headers: admin })).status()).toBe(200);
  for (const url of pages) {
    await page.goto(url);
    await expect(page, `${url} after revocation`).toHaveURL(/\/sign-in\?next=/);
  }
});

test("a tenant's session sees none of another tenant's events, streams or correlations", async ({ page, request }) => {
  const tag = uniqueTag();
  const [theirs] = await record(request, await createKey(request, ["write"], "globex"), {
    stream: `Secret-${tag}`,
    events: [{ type: "Globex", data: { tag } }],
  });
  await record(request, await createKey(request, ["write"], "acme"), {
    stream: `Secret-${tag}`,
    events: [{ type: "Acme", data: { tag } }],
  });
  await signIn(page, await createKey(request, ["read"], "acme"));
  await page.goto(`/events/${theirs!.id}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.goto(`/?q=${tag}`);
  await expect(page.getByRole("table", { name: "Events" })).toContainText("Acme");
  await expect(page.getByRole("table", { name: "Events" })).not.toContainText("Globex");
  await page.goto(`/streams/Secret-${tag}`);
  await expect(page.getByRole("main")).toContainText("Acme");
  await expect(page.getByRole("main")).not.toContainText("Globex");
  await page.goto(`/correlations/${theirs!.correlationId}`);
  await expect(page.getByRole("main")).not.toContainText("Globex");
  await page.goto(`/go?to=${theirs!.id}`); // the jump box must not confirm the id exists
  await expect(page).not.toHaveURL(new RegExp(`/events/${theirs!.id}`));
});

test("an id two tenants hold: each tenant sees its own event, a reader of every tenant chooses", async ({
  page,
  request,
}) => {
  const id = randomUUID();
  for (const tenant of ["acme", "globex"]) {
    const key = await createKey(request, ["write"], tenant);
    await record(request, key, { events: [{ id, type: `Twin${tenant}` }] });
  }
  await signIn(page, await createKey(request, ["read"], "globex"));
  await page.goto(`/events/${id}`);
  await expect(page.getByRole("heading", { name: "Twinglobex" })).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, await createKey(request, ["read"]));
  await page.goto(`/go?to=${id}`);
  await expect(page.getByRole("heading", { name: "Events of several tenants have this id" })).toBeVisible();
  await page.getByRole("link", { name: "acme" }).click();
  await expect(page.getByRole("heading", { name: "Twinacme" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/events/${id}\\?tenant=acme$`));
});

test("another site cannot make a signed-in browser write, sign out or act", async ({ page, request, baseURL }) => {
  const reader = await createKey(request, ["read", "write", "admin"]);
  await signIn(page, reader);
  const layout = await (await page.request.get("/")).text();
  const signOutAction = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(layout)?.[1];
  expect(signOutAction, "the sign-out form's action id").toBeTruthy();
  const tag = uniqueTag();
  // A page on another origin that fires classic CSRF at Trailbook: forms need no CORS preflight.
  const attack = `<!doctype html><body>
    <form id="write" method="POST" action="${baseURL}/api/events" enctype="text/plain" target="a">
      <input name='{"type":"Forged","data":{"tag":"${tag}"},"x":"' value='"}'></form>
    <form id="key" method="POST" action="${baseURL}/api/keys" enctype="text/plain" target="b">
      <input name='{"name":"forged-${tag}","scopes":["admin"],"x":"' value='"}'></form>
    <form id="out" method="POST" action="${baseURL}/" enctype="multipart/form-data" target="c">
      <input type="hidden" name="$ACTION_ID_${signOutAction}" value=""></form>
    <iframe name="a"></iframe><iframe name="b"></iframe><iframe name="c"></iframe>
    <script>for (const f of document.forms) f.submit();
      fetch("${baseURL}/api/events", { method: "POST", credentials: "include", mode: "no-cors",
        headers: { "content-type": "text/plain" }, body: JSON.stringify({ type: "Forged", data: { tag: "${tag}" } }) });
    </script></body>`;
  // Served from `localhost` while Trailbook is `127.0.0.1`: another site, as far as cookies go.
  const evil = http.createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(attack));
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  const posts: number[] = [];
  page.on("response", (response) => {
    if (response.request().method() === "POST" && response.url().startsWith(baseURL!)) posts.push(response.status());
  });
  await page.goto(`http://localhost:${(evil.address() as AddressInfo).port}/attack`);
  await expect.poll(() => posts.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  expect(
    posts.every((status) => status >= 400),
    `statuses ${posts}`,
  ).toBe(true);
  evil.close();

  const written = await (
    await request.get(`/api/events?q=data.tag:${tag}`, { headers: { authorization: `Bearer ${reader}` } })
  ).json();
  expect(written.events).toEqual([]);
  const keys = await (await request.get("/api/keys", { headers: admin })).json();
  expect(JSON.stringify(keys)).not.toContain(`forged-${tag}`);
  await page.goto("/"); // still signed in: the forged sign-out did nothing
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("pages carry a nonce-based Content-Security-Policy and still work under it", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/sign-in");
  const policy = response!.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  await signIn(page, await createKey(request, ["read"]));
  await expect(async () => {
    await page.keyboard.press("Control+k"); // client-side code runs (hydrated): the jump box opens
    await expect(page.getByRole("textbox", { name: /stream name/ })).toBeVisible({ timeout: 500 });
  }).toPass();
  expect(violations).toEqual([]);
});
