import fc from "fast-check";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../testing/test-database";
import { Prisma } from "./generated/client";
import { inlineStatement } from "./inline-statement";

// Text PostgreSQL can hold: anything but NUL. The dollar signs, quotes and backslashes are the
// characters a literal could be broken by; they are drawn often.
const text = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom("$", "$$", "'", '"', "\\", "q", "{", "}", ",", " "),
      fc.string({ unit: "grapheme" }),
    ),
  })
  .map((s) => s.replaceAll("\0", ""));

describeEachDatabase("inlineStatement", (db) => {
  it("writes each value as its literal, so the inlined statement reads back what the parameters do", async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.option(text, { nil: null }), { maxLength: 5 }), async (value, list) => {
        const statement = Prisma.sql`SELECT ${value}::text AS value, ${list}::text[] AS list, ${null}::text AS none`;
        const [inlined] = await db().transaction((tx) => tx.exec(inlineStatement(statement)));
        expect(inlined).toEqual({ value, list, none: null });
        expect(inlined).toEqual((await db().query(statement))[0]);
      }),
      { numRuns: 150 },
    );
  });
});

it("quotes with a tag the value does not hold, and replaces every placeholder, $10 as well as $1", () => {
  const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
  const statement = Prisma.sql`SELECT ${Prisma.join(values)}`;
  expect(inlineStatement(statement)).toBe(`SELECT ${values.map((v) => `$$${v}$$`).join(",")}`);
  const inlined = inlineStatement(Prisma.sql`SELECT ${"a$$b"}::text, ${12n}::bigint, ${true}::boolean`);
  const [, tag] =
    /^SELECT (\$q[0-9a-f]{12}\$)a\$\$b\1::text, \$\$12\$\$::bigint, \$\$true\$\$::boolean$/.exec(inlined) ?? [];
  expect(tag).toBeDefined();
});
