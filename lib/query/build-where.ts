import { z } from "zod";
import { Prisma } from "../db/generated/client";
import { InvalidQuery } from "../errors";
import { containsPhrase, inStream, recordedBetween } from "../store/event-conditions";
import { timestampParam } from "../store/timestamp-param";
import { parseQuery } from "./parse-query";
import type { FieldTerm, Node } from "./query-ast";
import { timeBounds } from "./time-bounds";

// Maps, not object literals: a field named `constructor` or `__proto__` must find nothing.
const COLUMN_FIELDS = new Map([
  ["type", Prisma.sql`e.type`],
  ["actor", Prisma.sql`e.actor_id`],
  ["tenant", Prisma.sql`e.tenant`],
  ["correlation", Prisma.sql`e.correlation_id`],
]);
const UUID_FIELDS = new Map([
  ["id", Prisma.sql`e.id`],
  ["causation", Prisma.sql`e.causation_id`],
]);
const TIME_FIELDS = new Map([["occurred", Prisma.sql`e.occurred_at`]]);
const JSON_FIELDS = new Map([
  ["data", Prisma.sql`e.data`],
  ["metadata", Prisma.sql`e.metadata`],
]);

/** The fields the search language knows, for error messages and documentation. */
export const SEARCH_FIELDS = [
  "type",
  "actor",
  "tenant",
  "stream",
  "correlation",
  "causation",
  "id",
  "recorded",
  "occurred",
  "data.<path>",
  "metadata.<path>",
];

const JSONPATH_OPS = { "=": "==", ">": ">", ">=": ">=", "<": "<", "<=": "<=" } as const;

function likePrefix(value: string): string {
  return `${value.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `value` or `prefix*` on a text column. Only a trailing `*` is a wildcard. */
function textMatch(column: Prisma.Sql, term: FieldTerm): Prisma.Sql {
  if (term.op !== "=" || term.upTo !== undefined)
    throw new InvalidQuery(`\`${term.field}:\` takes a plain value`, term.valuePosition);
  if (term.value.endsWith("*")) return Prisma.sql`${column} LIKE ${likePrefix(term.value)}`;
  const star = term.value.indexOf("*");
  if (star >= 0) throw new InvalidQuery("only a trailing * is a wildcard", term.valuePosition + star);
  return Prisma.sql`${column} = ${term.value}`;
}

/** `data.a.b:>100` through jsonpath, which compares only like-typed values and never raises. */
function jsonMatch(column: Prisma.Sql, term: FieldTerm): Prisma.Sql {
  if (term.path.length === 0) {
    throw new InvalidQuery(`name a path: \`${term.field}.key:value\``, term.position + (term.negated ? 1 : 0));
  }
  if (term.upTo !== undefined) throw new InvalidQuery("ranges work on recorded: and occurred:", term.valuePosition);
  const path = `$${term.path.map((key) => `."${key.replace(/["\\]/g, (c) => `\\${c}`)}"`).join("")}`;
  const op = JSONPATH_OPS[term.op];
  const number = Number(term.value);
  const numeric = term.value.trim() !== "" && Number.isFinite(number);
  // A number compares as a number only (so "300" is not <= 50 as text); `=` also matches the string.
  const vars: Record<string, unknown> = numeric ? { n: number, s: term.value } : { s: term.value };
  let test = numeric ? `@ ${op} $n` : `@ ${op} $s`;
  if (numeric && term.op === "=") test += " || @ == $s";
  if (term.op === "=" && ["true", "false", "null"].includes(term.value)) test += ` || @ == ${term.value}`;
  return Prisma.sql`jsonb_path_exists(${column}, ${`${path} ? (${test})`}::jsonpath, ${JSON.stringify(vars)}::jsonb)`;
}

function fieldCondition(term: FieldTerm, now: Date): Prisma.Sql {
  const column = COLUMN_FIELDS.get(term.field);
  if (column && term.path.length === 0) return textMatch(column, term);
  if (term.field === "stream" && term.path.length === 0) {
    return inStream(textMatch(Prisma.sql`m.stream`, term), term.value.endsWith("*"));
  }
  const uuidColumn = UUID_FIELDS.get(term.field);
  if (uuidColumn && term.path.length === 0) {
    if (term.op !== "=" || !z.uuid().safeParse(term.value).success)
      throw new InvalidQuery(`\`${term.field}:\` takes an event id (UUID)`, term.valuePosition);
    return Prisma.sql`${uuidColumn} = ${term.value}::uuid`;
  }
  if (term.field === "recorded" && term.path.length === 0) {
    const { from, before } = timeBounds(term, now);
    return recordedBetween(from, before);
  }
  const timeColumn = TIME_FIELDS.get(term.field);
  if (timeColumn && term.path.length === 0) {
    const { from, before } = timeBounds(term, now);
    const parts = [
      ...(from ? [Prisma.sql`${timeColumn} >= ${timestampParam(from)}::timestamptz`] : []),
      ...(before ? [Prisma.sql`${timeColumn} < ${timestampParam(before)}::timestamptz`] : []),
    ];
    return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
  }
  const jsonColumn = JSON_FIELDS.get(term.field);
  if (jsonColumn) return jsonMatch(jsonColumn, term);
  const at = term.position + (term.negated ? 1 : 0);
  throw new InvalidQuery(`unknown field \`${term.field}\`; known: ${SEARCH_FIELDS.join(", ")}`, at);
}

/** The condition one term or group stands for; `-` (or NOT) negates. Free text uses the search index. */
function condition(node: Node, now: Date): Prisma.Sql {
  const positive =
    node.kind === "text"
      ? containsPhrase(node.value)
      : node.kind === "field"
        ? fieldCondition(node, now)
        : Prisma.sql`(${Prisma.join(
            node.items.map((item) => condition(item, now)),
            node.mode === "all" ? " AND " : " OR ",
          )})`;
  // coalesce: a NULL column (no tenant, no actor) must count as "not matching", so -tenant:x keeps it.
  return node.negated ? Prisma.sql`NOT coalesce((${positive}), false)` : positive;
}

/**
 * One SQL condition per top-level term or group, all to be ANDed. Relative times (`now-15m`) are
 * taken at `now`, so each search (and each poll of a live tail) reads them afresh.
 */
export function buildWhere(nodes: Node[], now = new Date()): Prisma.Sql[] {
  return nodes.map((node) => condition(node, now));
}

/** The conditions on `events e` that a search in the search language stands for. */
export function searchConditions(q: string, now = new Date()): Prisma.Sql[] {
  return buildWhere(parseQuery(q), now);
}
