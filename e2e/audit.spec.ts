import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

/** The SHA-256 the README states for the verifier (`<hex>  trailbook-verify.mjs`, as sha256sum prints it). */
function statedSha256(): string | undefined {
  const readme = fs.readFileSync(path.join(import.meta.dirname, "..", "README.md"), "utf8");
  return /^ *([0-9a-f]{64}) {2}trailbook-verify\.mjs$/m.exec(readme)?.[1];
}

test("an auditor exports the current search and proves it with the downloaded verifier", async ({ page, request }) => {
  const tag = uniqueTag();
  const writer = await createKey(request, ["write"]);
  const [first] = await record(request, writer, {
    events: [
      { type: "Invoice", actor: { id: "=HYPERLINK(1)" }, data: { note: tag } },
      { type: "Invoice", data: { note: tag } },
    ],
  });
  const auditor = await createKey(request, ["read", "export"]);
  await signIn(page, auditor, `/?q=${tag}`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^trailbook-all-.*\.csv$/);
  // A directory with nothing else in it: the verifier needs no checkout and no packages.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-audit-"));
  const file = path.join(dir, "export.csv");
  await download.saveAs(file);
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain(",'=HYPERLINK(1),");
  expect(text.trim().split("\r\n")).toHaveLength(4); // header, 2 rows, manifest

  const auth = { authorization: `Bearer ${auditor}` };
  const save = async (url: string, name: string) => {
    const response = await request.get(url, { headers: auth });
    expect(response.status(), url).toBe(200);
    fs.writeFileSync(path.join(dir, name), await response.body());
    return path.join(dir, name);
  };
  const verifier = await save("/api/verifier", "trailbook-verify.mjs");
  expect(createHash("sha256").update(fs.readFileSync(verifier)).digest("hex")).toBe(statedSha256());
  const keyring = await save("/api/checkpoints/public-keys", "keyring.json");
  const verify = (...args: string[]) => {
    const result = spawnSync(process.execPath, [verifier, ...args], { cwd: dir, encoding: "utf8" });
    return { code: result.status, out: `${result.stdout}${result.stderr}` };
  };

  expect(verify(file, "--public-key", keyring)).toEqual({
    code: 0,
    out: expect.stringContaining("OK: 2 rows verified"),
  });
  fs.writeFileSync(file, text.replace(tag, `${tag}x`));
  expect(verify(file, "--public-key", keyring)).toEqual({
    code: 1,
    out: expect.stringContaining("FAILED: hash_mismatch"),
  });
  // What a spreadsheet saves after removing the guard: the value is unchanged, the cell is a live formula.
  fs.writeFileSync(file, text.replace(",'=HYPERLINK(1),", ",=HYPERLINK(1),"));
  expect(verify("export", file, "--public-key", keyring)).toEqual({
    code: 1,
    out: expect.stringContaining("FAILED: unguarded_formula: column actor_id"),
  });
  const receipt = await save(`/api/events/${first!.id}/receipt`, "receipt.json");
  expect(verify("receipt", receipt, "--public-key", keyring)).toEqual({
    code: 0,
    out: expect.stringContaining(`OK: event ${first!.id}`),
  });

  await page.goto("/integrity");
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Verified" })).toContainText("signed tree heads matched");
  await expect(page.getByRole("table", { name: "Tree heads" })).toBeVisible();
  await page.getByRole("link", { name: "exports made so far" }).click();
  await expect(page.getByRole("table", { name: "Events" })).toContainText("trailbook.export");
});
