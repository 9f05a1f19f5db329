import type * as NodeCrypto from "node:crypto";
import type { canonicalJson } from "../encoding/canonical-json";
import type { EventRecord, hashedFieldsOf } from "./event-record";
import type { FaultKind } from "./log-faults";

/**
 * The fields of one event in the order the verification read packs them, one JSON array per row
 * (`json_build_array` over the aliases of EVENT_COLUMNS): every field of {@link EventRecord}.
 */
export const BATCH_FIELDS = [
  "position",
  "id",
  "type",
  "data",
  "metadata",
  "tenant",
  "actorId",
  "actorType",
  "actorName",
  "targets",
  "correlationId",
  "causationId",
  "traceId",
  "streams",
  "occurredAt",
  "recordedAt",
  "prevHash",
  "hash",
  "writer",
] as const satisfies readonly (keyof EventRecord)[];

/** The fields that are jsonb columns: JSON text in a COPY row, parsed as the driver would. */
export const BATCH_JSON_FIELDS = [
  "data",
  "metadata",
  "targets",
  "streams",
] as const satisfies readonly (keyof EventRecord)[];

/** Fails to compile when EventRecord gains a field that BATCH_FIELDS does not list. */
export const BATCH_FIELDS_COMPLETE: [Exclude<keyof EventRecord, (typeof BATCH_FIELDS)[number]>] extends [never]
  ? true
  : never = true;

/** What {@link checkBatch} runs with: the project's own functions, in this thread or a worker's. */
export interface BatchDeps {
  canonicalJson: typeof canonicalJson;
  hashedFieldsOf: typeof hashedFieldsOf;
  crypto: Pick<typeof NodeCrypto, "createHash"> & { hash?: (typeof NodeCrypto)["hash"] };
  fields: readonly string[];
  jsonFields: readonly string[];
}

/**
 * Rows as the database wrote them (read-verify-rows.ts): JSON text of an array of rows, or the bytes
 * of `COPY … TO STDOUT` in text format (a line per row, tab-separated, `\N` for null, backslash
 * escapes), whose lines are the same values.
 */
export type PackedRows = string | Uint8Array;

export interface BatchInput {
  /** The rows, each the values of {@link BATCH_FIELDS} in that order. */
  rows: PackedRows;
  /** `[position, stream, version]` (all text) of the memberships at the rows' positions; or null. */
  members: PackedRows | null;
  /** Whether to compute the rows' Merkle leaves (whole-log runs); otherwise `leaves` is empty. */
  leaves: boolean;
}

/** A fault found in a batch: the row it belongs to (index in the batch), its kind, position and detail. */
export type BatchFault = [row: number, kind: FaultKind, position: string, detail: string];

export interface BatchOutput {
  count: number;
  firstPosition: string | null;
  /** The first row's prev_hash: the caller checks it against the previous batch. */
  firstPrevHash: string | null;
  lastPosition: string | null;
  lastHash: string | null;
  /** Every row's position, or null when they are firstPosition, firstPosition + 1, … (safe integers). */
  positions: string[] | null;
  /** 32 bytes per row: the RFC 9162 leaf hash of the row's stored hash, SHA-256(0x00 ‖ hash bytes); or empty. */
  leaves: Uint8Array;
  /**
   * In row order: for rows after the first, positions missing before the row and a prev_hash that is
   * not the previous row's hash; for every row, a hash that its fields do not make (or a row that
   * cannot be hashed) and each appended-to stream without its membership row.
   */
  faults: BatchFault[];
}

/**
 * The per-row checks of verification over one batch of rows, in position order: exactly what the
 * single-threaded pass did per row, minus what needs the rows before the batch (the first row's gap
 * and prev_hash, done by the caller) and the Merkle tree (sequential over the whole log, also the
 * caller's). CPU only: no I/O, no state outside its arguments.
 *
 * It runs in this thread or in a worker (hash-pool.ts), where it is rebuilt from its source text.
 * So it must refer to nothing but its parameters and JavaScript/Node globals, and name no inner
 * functions (a bundler may wrap named ones in helpers that do not exist in the worker).
 */
export function checkBatch(deps: BatchDeps, input: BatchInput): BatchOutput {
  const { canonicalJson, hashedFieldsOf, crypto, fields } = deps;
  const json = deps.jsonFields.map((field) => fields.indexOf(field));
  const parsed = typeof input.rows === "string" ? (JSON.parse(input.rows) as unknown[][]) : null;
  const text =
    typeof input.rows === "string"
      ? ""
      : Buffer.from(input.rows.buffer, input.rows.byteOffset, input.rows.byteLength).toString("utf8");
  // COPY text is decoded a row at a time as the row is checked, so that a batch's values are never
  // all alive at once (the garbage collector then copies little). Here: where each line starts.
  const starts: number[] = [];
  for (let at = 0; at < text.length; at = text.indexOf("\n", at) + 1 || text.length) starts.push(at);
  const count = parsed ? parsed.length : starts.length;
  const positions = parsed
    ? parsed.map((row) => BigInt(row[0] as string))
    : starts.map((at) => BigInt(text.slice(at, text.indexOf("\t", at))));
  // The read asks for position order; should the database hand the rows over in another, sort them here.
  const order = positions.map((_, i) => i);
  let sorted = true;
  for (let i = 1; i < count && sorted; i++) sorted = positions[i]! > positions[i - 1]!;
  if (!sorted) {
    order.sort((a, b) => (positions[a]! < positions[b]! ? -1 : 1));
    const positionsBefore = [...positions];
    order.forEach((from, to) => {
      positions[to] = positionsBefore[from]!;
    });
  }
  // "position\0stream" → version, as text; an event's appended-to streams must each be here.
  const members = new Map<string, string>();
  if (typeof input.members === "string") {
    for (const [position, stream, version] of JSON.parse(input.members) as string[][]) {
      members.set(`${position}\u0000${stream}`, version!);
    }
  } else if (input.members !== null) {
    const { buffer, byteOffset, byteLength } = input.members;
    for (const line of Buffer.from(buffer, byteOffset, byteLength).toString("utf8").split("\n")) {
      const [position, stream, version] = line.split("\t").map((value) =>
        // COPY text: \N is null, a backslash escapes the character after it (\n, \t, … name controls).
        value === "\\N"
          ? null
          : value.replace(/\\([\s\S])/g, (_, c: string) => "\b\f\n\r\t\v"["bfnrtv".indexOf(c)] ?? c),
      );
      if (line) members.set(`${position}\u0000${stream}`, version!);
    }
  }
  const oneShot = typeof crypto.hash === "function" ? crypto.hash : null;
  const leaves = new Uint8Array(input.leaves ? count * 32 : 0);
  const faults: BatchFault[] = [];
  let previous: EventRecord | null = null;
  let firstPrevHash: string | null = null;
  const leafBuffer = Buffer.alloc(33); // 0x00, then the 32 bytes of a hash
  const leavesView = Buffer.from(leaves.buffer, leaves.byteOffset, leaves.byteLength);
  for (let i = 0; i < count; i++) {
    let values = parsed?.[order[i]!];
    if (!values) {
      const at = starts[order[i]!]!;
      const newline = text.indexOf("\n", at);
      values = text.slice(at, newline < 0 ? text.length : newline).split("\t");
      for (let f = 0; f < values.length; f++) {
        const value = values[f] as string;
        if (value === "\\N") values[f] = null;
        else if (value.includes("\\"))
          values[f] = value.replace(/\\([\s\S])/g, (_, c: string) => "\b\f\n\r\t\v"["bfnrtv".indexOf(c)] ?? c);
      }
      // The jsonb texts parsed in one call (a JSON array of them): cheaper than a call each.
      let texts = "";
      for (const f of json) texts += `${texts ? "," : "["}${values[f] === null ? "null" : values[f]}`;
      const parsedJson = JSON.parse(`${texts}]`) as unknown[];
      for (let j = 0; j < json.length; j++) values[json[j]!] = parsedJson[j];
    }
    const record = {} as Record<string, unknown>;
    for (let f = 0; f < fields.length; f++) record[fields[f]!] = values[f];
    const row = record as unknown as EventRecord;
    if (previous) {
      for (let expected = positions[i - 1]! + 1n; positions[i]! > expected; expected++) {
        faults.push([i, "missing_position", String(expected), "no event here"]);
      }
      if (row.prevHash !== previous.hash) {
        faults.push([i, "prev_hash_mismatch", row.position, "prev_hash is not the previous hash"]);
      }
    }
    try {
      const canonical = canonicalJson(hashedFieldsOf(row));
      // hash = hex(SHA-256(prevHash ‖ JCS(fields))), as hashEvent computes it (one call instead of three).
      const hash =
        oneShot && typeof row.prevHash === "string" && typeof canonical === "string"
          ? oneShot("sha256", row.prevHash + canonical, "hex")
          : crypto.createHash("sha256").update(row.prevHash).update(canonical).digest("hex");
      if (hash !== row.hash)
        faults.push([i, "hash_mismatch", row.position, "the event's fields do not match its hash"]);
    } catch (error) {
      const detail = `cannot hash the stored row: ${(error as Error).message}`;
      faults.push([i, "unreadable_row", row.position, detail]);
    }
    for (const stream of Array.isArray(row.streams) ? row.streams : []) {
      if (members.get(`${row.position}\u0000${stream.name}`) !== String(stream.version)) {
        const detail = `no membership in ${stream.name} at version ${stream.version}`;
        faults.push([i, "membership_missing", row.position, detail]);
      }
    }
    if (i === 0) firstPrevHash = row.prevHash;
    previous = row;
    if (!input.leaves) continue;
    // The leaf of the Merkle tree: SHA-256(0x00 ‖ the stored hash's bytes), as leafHash(entryOf(hash)).
    // A well-formed hash is decoded into the one buffer; any other string as Buffer.from decodes it.
    let leafInput = leafBuffer;
    if (typeof row.hash !== "string" || row.hash.length !== 64 || leafBuffer.write(row.hash, 1, "hex") !== 32) {
      const entry = Buffer.from(row.hash, "hex");
      leafInput = Buffer.allocUnsafe(entry.length + 1);
      leafInput[0] = 0;
      entry.copy(leafInput, 1);
    }
    // Hashed into "binary" (latin1) text, a character per byte, and written in: cheaper than a Buffer per leaf.
    if (oneShot) leavesView.write(oneShot("sha256", leafInput, "binary"), i * 32, 32, "binary");
    else leaves.set(crypto.createHash("sha256").update(leafInput).digest(), i * 32);
  }
  const first = count ? String(positions[0]) : null;
  const last = count ? String(positions.at(-1)) : null;
  const contiguous =
    count === 0 || (positions.at(-1)! - positions[0]! === BigInt(count - 1) && positions.at(-1)! <= 9007199254740991n);
  return {
    count,
    firstPosition: first,
    firstPrevHash,
    lastPosition: last,
    lastHash: previous?.hash ?? null,
    positions: contiguous ? null : positions.map(String),
    leaves,
    faults,
  };
}
