import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../testing/test-database";
import { Prisma } from "./generated/client";

interface Column {
  table: string;
  column: string;
  type: string;
  nullable: boolean;
}

const PRISMA_TO_PG: Record<string, string> = {
  BigInt: "bigint",
  String: "text",
  Json: "jsonb",
  DateTime: "timestamp without time zone",
  Int: "integer",
  Boolean: "boolean",
};
const NATIVE_TO_PG: Record<string, string> = { Uuid: "uuid", Timestamptz: "timestamp with time zone" };

/** Reads scalar columns out of schema.prisma: enough of the grammar for the schema this repo keeps. */
function columnsOfSchema(): Column[] {
  const text = fs.readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
  const models = [...text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  return models.flatMap(([, , body]) => {
    const table = /@@map\("(\w+)"\)/.exec(body!)?.[1];
    if (!table) throw new Error("every model maps to a table name");
    return [...body!.matchAll(/^\s+(\w+)\s+(\w+)(\?|\[\])?(.*)$/gm)]
      .filter(([, , type]) => type! in PRISMA_TO_PG || type === "Unsupported")
      .map(([, name, type, modifier, attributes]) => {
        const unsupported = /^\("(\w+)"\)/.exec(attributes!)?.[1];
        if (unsupported) return { table, column: name!, type: unsupported, nullable: modifier === "?" };
        const native = /@db\.(\w+)/.exec(attributes!)?.[1];
        return {
          table,
          column: /@map\("(\w+)"\)/.exec(attributes!)?.[1] ?? name!,
          type: modifier === "[]" ? "ARRAY" : (native && NATIVE_TO_PG[native]) || PRISMA_TO_PG[type!]!,
          nullable: modifier === "?",
        };
      });
  });
}

describeEachDatabase("schema.prisma and the SQL migrations", (db) => {
  it("describe the same tables and columns", async () => {
    const rows = await db().query<{ table: string; column: string; type: string; nullable: string }>(Prisma.sql`
      SELECT table_name AS table, column_name AS column, data_type AS type, is_nullable AS nullable
        FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`);
    const actual = rows.map((row) => ({ ...row, nullable: row.nullable === "YES" }));
    const byKey = (a: Column, b: Column) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`);
    expect(actual.sort(byKey)).toEqual(columnsOfSchema().sort(byKey));
  });

  it("match the generated client", () => {
    const generated = [
      ...Object.keys(Prisma.EventScalarFieldEnum),
      ...Object.keys(Prisma.StreamEventScalarFieldEnum),
      ...Object.keys(Prisma.ApiKeyScalarFieldEnum),
      ...Object.keys(Prisma.SessionScalarFieldEnum),
      ...Object.keys(Prisma.CheckpointScalarFieldEnum),
      ...Object.keys(Prisma.VerificationScalarFieldEnum),
      ...Object.keys(Prisma.MerkleNodesScalarFieldEnum),
      ...Object.keys(Prisma.TreeHeadScalarFieldEnum),
      ...Object.keys(Prisma.EventSearchScalarFieldEnum),
      ...Object.keys(Prisma.SubscriptionScalarFieldEnum),
      ...Object.keys(Prisma.SubscriptionDeliveryScalarFieldEnum),
      ...Object.keys(Prisma.SubscriptionDeadLetterScalarFieldEnum),
      "document", // Unsupported("tsvector") columns are not in the client's field enums
    ];
    const text = fs.readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
    for (const field of generated) expect(text).toMatch(new RegExp(`^\\s+${field}\\s`, "m"));
    expect(generated).toHaveLength(columnsOfSchema().length);
  });
});
