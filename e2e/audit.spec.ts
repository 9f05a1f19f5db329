import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createKey, record, signIn, uniqueTag } from "./fixtures";

test("an auditor exports the current search and proves the file with the public key", async ({ page, request }) => {
  const tag = uniqueTag();
  const writer = await createKey(request, ["write"]);
  await record(request, writer, {
    events: [
      { type: "Invoice", actor: { id: "=HYPERLINK(1)" }, data: { note: tag } },
      { type: "Invoice", data: { note: tag } },
    ],
  });
  await signIn(page, await createKey(request, ["read", "export"]), `/?q=${tag}`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^trailbook-all-.*\.csv$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-audit-"));
  const file = path.join(dir, "export.csv");
  await download.saveAs(file);
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain(",'=HYPERLINK(1),");
  expect(text.trim().split("\r\n")).toHaveLength(4); // header, 2 rows, manifest
  const keyResponse = await page.request.get("/api/checkpoints/public-key");
  fs.writeFileSync(path.join(dir, "key.pem"), await keyResponse.text());
  const output = execFileSync("npx", ["trailbook", "verify-export", file, "--public-key", path.join(dir, "key.pem")], {
    encoding: "utf8",
  });
  expect(output).toContain("OK: 2 rows verified");
  fs.writeFileSync(file, text.replace(tag, `${tag}x`));
  let failure = "";
  try {
    execFileSync("npx", ["trailbook", "verify-export", file, "--public-key", path.join(dir, "key.pem")], {
      encoding: "utf8",
    });
  } catch (error) {
    failure = String((error as { stdout: string }).stdout);
  }
  expect(failure).toContain("FAILED: hash_mismatch");

  await page.goto("/integrity");
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Verified" })).toContainText("signed tree heads matched");
  await expect(page.getByRole("table", { name: "Tree heads" })).toBeVisible();
  await page.getByRole("link", { name: "exports made so far" }).click();
  await expect(page.getByRole("table", { name: "Events" })).toContainText("trailbook.export");
});
