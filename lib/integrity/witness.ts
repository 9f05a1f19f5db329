import "server-only";
import fs from "node:fs";
import path from "node:path";
import { type Config, config } from "../config";
import type { SignedTreeHead } from "../transparency/tree-head";

/** The witness file: one signed tree head per line, JSON, appended after each head commits. */
export function witnessFile(settings: Pick<Config, "witnessDir"> = config): string {
  return path.join(settings.witnessDir, "tree-heads.jsonl");
}

/**
 * Appends a committed head to the witness, a file outside the database. Whoever rewrites the
 * database (events, tree and heads together) cannot rewrite this file from inside it, and verify
 * compares the two: a head the witness holds must still be in the database, unchanged, and the
 * log must still produce its root. Written after commit, so the witness can lag the database by
 * the last head (a crash in between), never hold a head the database never had.
 */
export function witnessHead(head: SignedTreeHead, settings: Pick<Config, "witnessDir" | "witnessUrls"> = config): void {
  fs.mkdirSync(settings.witnessDir, { recursive: true, mode: 0o700 });
  fs.appendFileSync(witnessFile(settings), `${JSON.stringify(head)}\n`, { mode: 0o600 });
  for (const url of settings.witnessUrls) void pushHead(url, head);
}

/**
 * Sends a head to a further witness (TRAILBOOK_WITNESS_URLS): a JSON POST, best effort, within 5 s.
 * A witness that is down loses nothing here (the file has the head); the failure is logged.
 */
async function pushHead(url: string, head: SignedTreeHead): Promise<void> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(head),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    console.error(`Trailbook: witness ${url} did not take tree head ${head.seq}: ${(error as Error).message}`);
  }
}

/** Every head the witness holds, in file order (unreadable lines are reported as such). */
export function readWitness(settings: Pick<Config, "witnessDir"> = config): { heads: SignedTreeHead[]; bad: number } {
  const file = witnessFile(settings);
  if (!fs.existsSync(file)) return { heads: [], bad: 0 };
  const heads: SignedTreeHead[] = [];
  let bad = 0;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      heads.push(JSON.parse(line) as SignedTreeHead);
    } catch {
      bad++;
    }
  }
  return { heads, bad };
}
