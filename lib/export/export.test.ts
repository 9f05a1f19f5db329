import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, expect, it } from "vitest";
import { authenticateSecret } from "../auth/authenticate";
import { searchEvents } from "../query/search-events";
import { describeApi } from "../testing/api-fixture";
import { CSV_COLUMNS } from "./export-format";
import { verifyExportFile } from "./verify-export-file";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-export-"));

describeApi("export", (api) => {
  let exporter = "";
  let publicKeyPem = "";
  const download = async (q: string, format: "csv" | "jsonl", key = exporter) => {
    const response = await api.call("GET", `/api/export?${new URLSearchParams({ q, format })}`, { key });
    expect(
      response.status,
      await response
        .clone()
        .text()
        .then((t) => t.slice(0, 200)),
    ).toBe(200);
    const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.${format}`);
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    return { file, response };
  };

  beforeAll(async () => {
    exporter = await api.key(["write", "read", "export"]);
    publicKeyPem = await (await api.call("GET", "/api/checkpoints/public-key", { key: exporter })).text();
    const client = api.client(exporter);
    await client.record(
      Array.from({ length: 30 }, (_, i) => ({
        type: i % 3 === 0 ? "OrderPlaced" : "PaymentCaptured",
        actor: { id: ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "'=quoted", "plain"][i % 6]!, type: "user" },
        data: { i, note: i % 2 ? "card declined" : "ok", formula: '=HYPERLINK("x")', nested: { a: [1, 2.5, "é"] } },
      })),
      { stream: "Exported-1" },
    );
  });

  it("exports exactly what the same query lists, as CSV and JSONL", async () => {
    const list = async (q: string) => {
      const ids: string[] = [];
      for (
        let page = await searchEvents(api.db(), { q, after: "0", limit: 7 }, "all-tenants");
        ;
        page = await searchEvents(api.db(), { q, cursor: page.next!, limit: 7 }, "all-tenants")
      ) {
        ids.push(...page.events.map((e) => e.id));
        if (!page.next) return ids;
      }
    };
    for (const q of ["", "type:OrderPlaced", `"card declined"`, "data.i:>20", "type:Nothing*"]) {
      let listed = await list(q);
      const csv = await download(q, "csv");
      const records: string[][] = parse(fs.readFileSync(csv.file, "utf8"), { bom: true });
      expect(records[0]).toEqual(CSV_COLUMNS.map(([name]) => name));
      expect(records.slice(1, -1).map((r) => r[1])).toEqual(listed);
      expect(records.at(-1)![0]).toBe("#manifest");
      // The CSV export was itself recorded as an event, which may match the query: list again.
      listed = await list(q);
      const jsonl = await download(q, "jsonl");
      const lines = fs
        .readFileSync(jsonl.file, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines.slice(0, -1).map((l) => l.id)).toEqual(listed);
      expect(lines.at(-1).manifest).toMatchObject({ count: listed.length, query: q });
      const verdict = await verifyExportFile(jsonl.file, { publicKeyPem });
      expect(verdict.firstBad?.reason).toBeUndefined();
      expect(verdict).toMatchObject({ ok: true, rows: listed.length, signatureChecked: true });
      expect(await verifyExportFile(csv.file, { publicKeyPem })).toMatchObject({
        ok: true,
        rows: records.length - 2,
        signatureChecked: true,
      });
    }
  });

  it("neutralises formula cells reversibly and names the file", async () => {
    const { file, response } = await download("", "csv");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="trailbook-all-.*\.csv"$/);
    const rows: string[][] = parse(fs.readFileSync(file, "utf8"), { bom: true });
    const actors = rows.slice(1, -1).map((r) => r[6]);
    for (const actor of actors) expect(actor).not.toMatch(/^[=+\-@\t\r]/);
    expect(actors).toContain("'=cmd|' /C calc'!A0");
    expect(actors).toContain("''=quoted");
    expect(rows[1]![2]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("catches a modified, truncated, shortened or re-signed file", async () => {
    const { file } = await download("", "jsonl");
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const write = (name: string, content: string) => {
      fs.writeFileSync(path.join(tmp, name), content);
      return path.join(tmp, name);
    };
    const edited = lines.map((line, i) =>
      i === 4
        ? line.replace(/"note": ?"ok"/, '"note":"OK"').replace(/"note": ?"card declined"/, '"note":"card approved"')
        : line,
    );
    expect(edited[4]).not.toBe(lines[4]);
    expect(await verifyExportFile(write("edited.jsonl", edited.join("\n")), { publicKeyPem })).toMatchObject({
      ok: false,
      firstBad: { row: 5, reason: expect.stringMatching(/^hash_mismatch/) },
    });
    const dropped = lines.filter((_, i) => i !== 10);
    expect(await verifyExportFile(write("dropped.jsonl", dropped.join("\n")), { publicKeyPem })).toMatchObject({
      ok: false,
      firstBad: { row: 11, reason: expect.stringMatching(/^chain_break/) },
    });
    const cut = lines.slice(0, 12);
    expect((await verifyExportFile(write("cut.jsonl", cut.join("\n")), { publicKeyPem })).firstBad?.reason).toMatch(
      /^truncated/,
    );
    const manifest = JSON.parse(lines.at(-2)!).manifest;
    const forged = [
      ...lines.slice(0, 3),
      JSON.stringify({
        manifest: { ...manifest, count: 3, lastPosition: JSON.parse(lines[2]!).position, rowsDigest: "0".repeat(64) },
      }),
    ];
    expect((await verifyExportFile(write("forged.jsonl", forged.join("\n")), { publicKeyPem })).ok).toBe(false);
    const csv = await download("type:PaymentCaptured", "csv");
    const text = fs.readFileSync(csv.file, "utf8").replace(/,PaymentCaptured,/, ",PaymentRefunded,");
    expect((await verifyExportFile(write("edited.csv", text), { publicKeyPem })).firstBad).toMatchObject({
      row: 1,
      reason: expect.stringMatching(/^hash_mismatch/),
    });
  });

  it("answers bad requests before streaming and records every export as an event", async () => {
    expect((await api.call("GET", "/api/export?q=bogus:1", { key: exporter })).status).toBe(422);
    expect((await api.call("GET", "/api/export?format=xml", { key: exporter })).status).toBe(422);
    expect((await api.call("GET", "/api/export", { key: await api.key(["read"]) })).status).toBe(403);
    await download("type:OrderPlaced", "jsonl");
    const audit = await searchEvents(api.db(), { q: "type:trailbook.export", limit: 1 }, "all-tenants");
    // Attested with the exporting key, as a recorded event is: not "unknown" on its page.
    const { keyId } = await authenticateSecret(api.db(), exporter);
    expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(audit.events[0]).toMatchObject({
      type: "trailbook.export",
      writer: keyId,
      data: { query: "type:OrderPlaced", format: "jsonl", rowCount: 10, completed: true },
    });
  });

  it("reads the database only as fast as the client consumes (streamed, not buffered)", async () => {
    for (let i = 0; i < 5; i++)
      await api.client(exporter).record(Array.from({ length: 1000 }, () => ({ type: "Bulk" })));
    const db = api.db();
    let queries = 0;
    const original = db.query.bind(db);
    (db as { query: typeof db.query }).query = (statement) => {
      queries++;
      return original(statement);
    };
    try {
      const response = await api.call("GET", "/api/export?q=type:Bulk&format=jsonl", { key: exporter });
      const reader = response.body!.getReader();
      const decode = (chunk: Uint8Array) => new TextDecoder().decode(chunk).split("\n").length - 1;
      let rows = decode((await reader.read()).value!);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const early = queries;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rows += decode(chunk.value);
      // auth, the tree head (latest, tree size), the first batch and its inclusion proofs (+ one read-ahead)
      expect(early).toBeLessThanOrEqual(8);
      expect(queries - early).toBeGreaterThanOrEqual(2); // the remaining batches came on demand
      expect(rows).toBeGreaterThanOrEqual(5000);
    } finally {
      (db as { query: typeof db.query }).query = original;
    }
  });
});
