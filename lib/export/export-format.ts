import type { EventRecord } from "../store/event-record";

/**
 * One exported event: every hashed field, its hash and the previous event's hash, its writer, and
 * (in filtered exports) its RFC 9162 inclusion proof against the manifest's tree head.
 */
export type ExportRow = EventRecord & { inclusionProof?: string[] };

/** The CSV columns, in order. JSON-valued columns hold compact JSON; an empty cell is null. */
export const CSV_COLUMNS = [
  ["position", "position"],
  ["id", "id"],
  ["recorded_at", "recordedAt"],
  ["occurred_at", "occurredAt"],
  ["type", "type"],
  ["tenant", "tenant"],
  ["actor_id", "actorId"],
  ["actor_type", "actorType"],
  ["actor_name", "actorName"],
  ["targets", "targets"],
  ["streams", "streams"],
  ["correlation_id", "correlationId"],
  ["causation_id", "causationId"],
  ["trace_id", "traceId"],
  ["data", "data"],
  ["metadata", "metadata"],
  ["hash", "hash"],
  ["prev_hash", "prevHash"],
  // Exports made before writers and tree heads (round 1) end at prev_hash; they still read the same.
  ["writer", "writer"],
  ["inclusion_proof", "inclusionProof"],
] as const satisfies readonly (readonly [string, keyof ExportRow])[];

const JSON_FIELDS = new Set<keyof ExportRow>(["targets", "streams", "data", "metadata", "inclusionProof"]);

/**
 * OWASP CSV-injection defence: a cell a spreadsheet would run as a formula (starting with = + - @
 * TAB CR LF), or one already starting with apostrophes before such a character, gets one more
 * leading apostrophe. Undo ({@link restoreCell}) by removing exactly one leading apostrophe from a
 * cell matching /^'+[=+\-@\t\r\n]/. The rule is reversible, so hashes still verify.
 */
const NEEDS_GUARD = /^'*[=+\-@\t\r\n]/;

export function neutraliseCell(text: string): string {
  return NEEDS_GUARD.test(text) ? `'${text}` : text;
}

export function restoreCell(text: string): string {
  return /^'+[=+\-@\t\r\n]/.test(text) ? text.slice(1) : text;
}

/**
 * A CSV cell Trailbook never writes, so the file was edited after export (typically by a
 * spreadsheet that removed the guards and turned cells into live formulas): which column, and why.
 * - `unguarded_formula`: the cell starts with a formula character without its `'` guard.
 * - `noncanonical_json`: a JSON-valued cell that is not the compact JSON the export writes.
 */
export class CsvCellError extends Error {
  constructor(
    readonly column: string,
    readonly code: "unguarded_formula" | "noncanonical_json",
  ) {
    super(
      code === "unguarded_formula"
        ? `unguarded_formula: column ${column} starts with a formula character without its ' guard`
        : `noncanonical_json: column ${column} is not the compact JSON an export writes`,
    );
    this.name = "CsvCellError";
  }
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.map(([name]) => name).join(",")}\r\n`;
}

export function csvLine(row: ExportRow): string {
  return `${CSV_COLUMNS.map(([, field]) => {
    const value = row[field];
    if (value === null || value === undefined) return "";
    return quote(neutraliseCell(JSON_FIELDS.has(field) ? JSON.stringify(value) : String(value)));
  }).join(",")}\r\n`;
}

/**
 * Rebuilds a row from parsed CSV cells (after the header), undoing neutralisation. Every cell must
 * be exactly what {@link csvLine} writes for the value it holds: guarding the restored text must
 * give the cell back, and a JSON-valued cell must be compact JSON. Throws {@link CsvCellError}.
 */
export function rowFromCsv(cells: readonly string[]): ExportRow {
  const row: Record<string, unknown> = {};
  CSV_COLUMNS.forEach(([name, field], i) => {
    const cell = cells[i] ?? "";
    const text = restoreCell(cell);
    if (neutraliseCell(text) !== cell) throw new CsvCellError(name, "unguarded_formula");
    if (text === "") row[field] = null;
    else if (!JSON_FIELDS.has(field)) row[field] = text;
    else {
      row[field] = JSON.parse(text);
      if (JSON.stringify(row[field]) !== text) throw new CsvCellError(name, "noncanonical_json");
    }
  });
  return row as unknown as ExportRow;
}

export function jsonLine(row: ExportRow): string {
  const members = CSV_COLUMNS.map(([, field]) => `${JSON.stringify(field)}:${JSON.stringify(row[field] ?? null)}`);
  return `{${members.join(",")}}\n`;
}
