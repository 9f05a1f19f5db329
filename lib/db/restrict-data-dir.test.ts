import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { Prisma } from "./generated/client";
import { migrate } from "./migrate";
import { openDatabase } from "./open-database";

/** Every entry below `dir` whose mode lets the group or others in, with its mode. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const mode = fs.statSync(full).mode & 0o777;
    if (mode & 0o077 && !entry.name.endsWith(".pub.pem")) found.push(`${path.relative(dir, full)} ${mode.toString(8)}`);
  }
  return found;
}

it("keeps the embedded database private: directory 0700 while open, every file 0600 once closed", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-perms-"));
  fs.chmodSync(dir, 0o777);
  fs.writeFileSync(path.join(dir, "left-open-by-an-old-version"), "x", { mode: 0o666 });
  fs.chmodSync(path.join(dir, "left-open-by-an-old-version"), 0o666);
  for (let open = 0; open < 2; open++) {
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700); // no other user can reach anything below
      await migrate(db);
      await db.query(Prisma.sql`SELECT 1`);
    } finally {
      await db.close();
    }
    expect(openToOthers(dir)).toEqual([]);
  }
  expect(fs.readdirSync(dir).length).toBeGreaterThan(5);
});
