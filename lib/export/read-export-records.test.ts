import { afterAll, expect, it } from "vitest";
import { chainEvents, manifestFor, renderExport, scratch, signHead, testKey } from "../verifier/export-fixture";
import { CSV_COLUMNS } from "./export-format";
import { readExportManifest, readExportRecords, sniffFormat } from "./read-export-records";

const files = scratch("read-export");
afterAll(files.remove);

it("sniffs CSV by its header, plain or quoted, after a BOM or not; anything else is JSONL", () => {
  for (const text of ["position,id,", '"position","id",', "\uFEFFposition,id", '\uFEFF"position","id"'])
    expect(sniffFormat(files.write("f", text)), JSON.stringify(text)).toBe("csv");
  for (const text of ['{"position":"1"}', "", "positions,id", "id,position", '"position"'])
    expect(sniffFormat(files.write("f", text)), JSON.stringify(text)).toBe("jsonl");
});

it("reads a header with every name quoted, and a round 1 header (without writer and inclusion_proof)", async () => {
  const key = testKey();
  const log = chainEvents(3, () => ({ writer: null }));
  const text = renderExport("csv", log, manifestFor(key, log, signHead(key, log), { format: "csv", contiguous: true }));
  const header = CSV_COLUMNS.map(([name]) => name);
  const quoted = text.replace(header.join(","), header.map((name) => `"${name}"`).join(","));
  const round1 = text
    .split("\r\n")
    .map((line) => line.replace(/,[^,]*,[^,]*$/, ""))
    .join("\r\n");
  for (const variant of [quoted, round1]) {
    const records = [];
    for await (const record of readExportRecords(files.write("v.csv", variant), "csv")) records.push(record);
    expect(records.map((record) => ("row" in record ? record.row.position : "manifest"))).toEqual([
      "1",
      "2",
      "3",
      "manifest",
    ]);
  }
  expect(await readExportManifest(files.write("q.csv", quoted), "csv")).toMatchObject({ count: 3 });
});
