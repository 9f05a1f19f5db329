import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SignedTreeHead } from "../transparency/tree-head";
import { readWitness, witnessFile, witnessHead } from "./witness";

let received: unknown[] = [];
let server: http.Server;
let url = "";
beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push(JSON.parse(body));
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/heads`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const head = (seq: string): SignedTreeHead => ({
  seq,
  treeSize: seq,
  rootHash: "ab".repeat(32),
  timestamp: "2026-11-27T00:00:00.000Z",
  keyId: "0123456789abcdef",
  prevHeadHash: null,
  signature: "c2ln",
  headHash: "cd".repeat(32),
});

it("appends every head to the witness file and pushes it to further witnesses", async () => {
  received = [];
  const settings = { witnessDir: fs.mkdtempSync(path.join(os.tmpdir(), "witness-")), witnessUrls: [url] };
  witnessHead(head("1"), settings);
  witnessHead(head("2"), settings);
  fs.appendFileSync(witnessFile(settings), "not json\n");
  expect(readWitness(settings)).toEqual({ heads: [head("1"), head("2")], bad: 1 });
  expect(fs.statSync(witnessFile(settings)).mode & 0o777).toBe(0o600);
  for (let i = 0; i < 50 && received.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(received).toEqual([head("1"), head("2")]);
});
