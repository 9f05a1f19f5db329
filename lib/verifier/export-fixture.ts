import { createHash, generateKeyPairSync, sign } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CSV_COLUMNS, csvHeader, csvLine, type ExportRow, jsonLine } from "../export/export-format";
import { CSV_MANIFEST_MARK, type ExportManifest, manifestPayload } from "../export/export-manifest";
import { keyIdOf } from "../integrity/checkpoint-signature";
import { type EventRecord, hashedFieldsOf } from "../store/event-record";
import { GENESIS_HASH, hashEvent } from "../store/hash-event";
import { leafHash } from "../transparency/merkle-hash";
import { consistencyProof, inclusionProof, rootOf } from "../transparency/merkle-tree";
import type { Receipt } from "../transparency/receipt";
import {
  entryOf,
  headHashOf,
  type SignedTreeHead,
  type TreeHeadBody,
  treeHeadPayload,
} from "../transparency/tree-head";

/**
 * Test material for the offline verifier, built without a database: a hash-chained log, signed tree
 * heads over it, exports written with the server's own writers (csvLine, jsonLine: the real-export
 * test proves the rendering byte-identical to GET /api/export), receipts and consistency proofs.
 * Tests alter exactly one thing and re-sign what a forger holding the key would, to isolate a check.
 */

export interface TestKey {
  keyId: string;
  publicKeyPem: string;
  sign(payload: Buffer): string;
}

/** A fresh Ed25519 key. */
export function testKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  return {
    keyId: keyIdOf(publicKeyPem),
    publicKeyPem,
    sign: (payload) => sign(null, payload, privateKey).toString("base64"),
  };
}

/** The record with its hash recomputed from its fields (what a forger without the key can do). */
export function rehash(record: EventRecord): EventRecord {
  return { ...record, hash: hashEvent(record.prevHash, hashedFieldsOf(record)) };
}

const ACTORS = ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "'=quoted", 'plain, with "quotes"', "\tTab"];

/** A chained log of `count` events from position 1, with cells a spreadsheet would run as formulas. */
export function chainEvents(count: number, make: (i: number) => Partial<EventRecord> = () => ({})): EventRecord[] {
  const events: EventRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const time = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    const record = rehash({
      position: String(i),
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      type: i % 3 === 0 ? "OrderPlaced" : "PaymentCaptured",
      data: { i, note: i % 2 ? "card declined" : "ok", formula: '=HYPERLINK("x")', nested: { a: [1, 2.5, "é"] } },
      metadata: i % 4 === 0 ? { source: "-import\r\nline two" } : {},
      tenant: i % 5 === 0 ? "acme" : null,
      actorId: ACTORS[i % ACTORS.length]!,
      actorType: "user",
      actorName: i % 2 ? null : 'Zoë, "the" auditor',
      targets: i % 2 ? [] : [{ id: "@order-1", type: "order" }],
      correlationId: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`,
      causationId: null,
      traceId: i % 3 ? null : "trace-1",
      streams: [{ name: "Order-1", version: i }],
      occurredAt: time,
      recordedAt: time,
      prevHash,
      hash: "",
      writer: i % 2 ? "key-abc" : null,
      ...make(i),
    });
    events.push(record);
    prevHash = record.hash;
  }
  return events;
}

export const leavesOf = (events: readonly EventRecord[]): Buffer[] => events.map((e) => leafHash(entryOf(e.hash)));

/** A head signed by `key` over the first `size` events of `log` (all by default). */
export function signHead(
  key: TestKey,
  log: readonly EventRecord[],
  changes: Partial<TreeHeadBody> & { size?: number } = {},
): SignedTreeHead {
  const { size = log.length, ...rest } = changes;
  const body: TreeHeadBody = {
    seq: "1",
    treeSize: String(size),
    rootHash: rootOf(leavesOf(log.slice(0, size))).toString("hex"),
    timestamp: "2026-01-02T00:00:00.000Z",
    keyId: key.keyId,
    prevHeadHash: null,
    ...rest,
  };
  return resignHead(key, body);
}

/** Signs `body` as a head (signature and head hash), whatever it says. */
export function resignHead(key: TestKey, body: TreeHeadBody): SignedTreeHead {
  const { seq, treeSize, rootHash, timestamp, keyId, prevHeadHash } = body;
  const fields = { seq, treeSize, rootHash, timestamp, keyId, prevHeadHash };
  const signature = key.sign(treeHeadPayload(fields));
  return { ...fields, signature, headHash: headHashOf(fields, signature) };
}

/** Signs a manifest as the server does, with `key`'s id unless the body names another. */
export function signManifest(
  key: TestKey,
  body: Omit<ExportManifest, "signature" | "keyId"> & { keyId?: string; signature?: string },
): ExportManifest {
  const { signature: _old, ...rest } = body;
  const unsigned = { ...rest, keyId: rest.keyId ?? key.keyId };
  return { ...unsigned, signature: key.sign(manifestPayload(unsigned)) };
}

/** The manifest the server writes for `rows` at `head`. */
export function manifestFor(
  key: TestKey,
  rows: readonly ExportRow[],
  head: SignedTreeHead | null,
  options: { format: "csv" | "jsonl"; contiguous: boolean; query?: string },
): ExportManifest {
  const digest = createHash("sha256");
  for (const row of rows) digest.update(row.hash);
  return signManifest(key, {
    trailbook: "export",
    version: 2,
    format: options.format,
    query: options.query ?? (options.contiguous ? "" : "type:OrderPlaced"),
    tenant: null,
    count: rows.length,
    firstPosition: rows[0]?.position ?? null,
    lastPosition: rows.at(-1)?.position ?? null,
    contiguous: options.contiguous,
    rowsDigest: digest.digest("hex"),
    treeHead: head,
    exportedAt: "2026-01-02T00:00:01.000Z",
  });
}

/** Rows of a filtered export: each with its inclusion proof in the tree of `head`'s size. */
export function withProofs(log: readonly EventRecord[], rows: readonly EventRecord[], size = log.length): ExportRow[] {
  const leaves = leavesOf(log.slice(0, size));
  return rows.map((row) => ({
    ...row,
    inclusionProof: inclusionProof(leaves, Number(row.position) - 1).map((hash) => hash.toString("hex")),
  }));
}

/** An export file's text exactly as GET /api/export writes it. */
export function renderExport(format: "csv" | "jsonl", rows: readonly ExportRow[], manifest: ExportManifest): string {
  if (format === "jsonl") return `${rows.map(jsonLine).join("")}${JSON.stringify({ manifest })}\n`;
  const trailer = `${CSV_MANIFEST_MARK},"${JSON.stringify(manifest).replaceAll('"', '""')}"`;
  return `${csvHeader()}${rows.map(csvLine).join("")}${trailer}${",".repeat(CSV_COLUMNS.length - 2)}\r\n`;
}

/** A receipt for the event at `position` in a tree of `head`'s size. */
export function receiptFor(log: readonly EventRecord[], head: SignedTreeHead, position: number): Receipt {
  const leaves = leavesOf(log.slice(0, Number(head.treeSize)));
  return {
    trailbook: "receipt",
    version: 1,
    event: log[position - 1]!,
    leafIndex: String(position - 1),
    treeHead: head,
    inclusionProof: inclusionProof(leaves, position - 1).map((hash) => hash.toString("hex")),
  };
}

/** `GET /api/proofs/consistency?first=&second=` for two sizes of `log`. */
export function consistencyFor(log: readonly EventRecord[], first: number, second: number) {
  const proof = consistencyProof(leavesOf(log.slice(0, second)), first).map((hash) => hash.toString("hex"));
  return { first: String(first), second: String(second), proof };
}

/** A scratch directory for one test file; `write` puts a file in it and returns its path. */
export function scratch(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `trailbook-${prefix}-`));
  let n = 0;
  return {
    dir,
    write(name: string, content: string | object): string {
      const file = path.join(dir, `${++n}-${name}`);
      fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
      return file;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
