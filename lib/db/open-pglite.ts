import "server-only";
import { setImmediate } from "node:timers/promises";
import { messages, PGlite, parse, protocol, types } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockDataDir } from "./data-dir-lock";
import type { Database, Row, Statement, Tx } from "./database";
import { Prisma, PrismaClient } from "./generated/client";
import { restrictDataDir } from "./restrict-data-dir";

/** PGlite in this process, behind the Database interface and a Prisma client (openDatabase). */

/** transaction({ indexesOnly }): no sequential scans unless there is no other way, and no JIT. */
export const INDEXES_ONLY = "SET LOCAL enable_seqscan = off; SET LOCAL jit = off";

/**
 * One turn of the event loop, taken by each statement or transaction on PGlite once it holds the
 * lock, before its work. PGlite runs a statement synchronously in this thread and hands its lock
 * to the next waiter in a microtask, so without this, queued statements and the code between them
 * ran back to back without the event loop turning: no request was read, no timer fired and no
 * concurrency slot was contended until the queue was empty. Measured under the attack of
 * chaos/expensive-readers.test.ts: the loop blocked for up to 1.6 s at a time while the longest
 * statement took 223 ms, and 10 searches from one key with 1 slot never saw a 429.
 */
const nextTurn = () => setImmediate();

export async function openPGlite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) restrictDataDir(dataDir);
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  // Also release on a plain process exit (Ctrl-C, SIGTERM from `next start`), not only on close().
  const release = () => {
    process.off("exit", release);
    unlock();
  };
  process.on("exit", release);
  try {
    const pglite = await PGlite.create({ dataDir, parsers: { [types.TIMESTAMPTZ]: parseTimestamptz } });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    const wire = pgliteWire(pglite);
    return {
      kind: "pglite",
      prisma,
      // PGlite's transaction lock, as its own query() takes: a lone statement must not run inside
      // a transaction another caller (the Prisma client) has open on the one connection.
      query: (statement) => pglite.transaction(() => nextTurn().then(() => wire.query(statement))),
      // PGlite has one connection: its transaction() queues every other query until this one ends.
      // The advisory lock changes nothing on one connection, but is taken alike.
      transaction: (work, options = {}) =>
        pglite.transaction(async () => {
          await nextTurn();
          if (options.indexesOnly) await wire.exec(INDEXES_ONLY);
          if (options.lock !== undefined) {
            await wire.query(Prisma.sql`SELECT pg_advisory_xact_lock(${options.lock}::bigint)`);
          }
          return work({ ...wire, commitWith: async (statement) => void (await wire.query(statement)) });
        }),
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        if (dataDir) restrictDataDir(dataDir); // the files PGlite created meanwhile, 0666, made 0600
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/*
 * Why our statements on PGlite do not go through its query() and exec().
 *
 * Every value must read back exactly as written: events are hashed at append and verification
 * rehashes what the database returns. PGlite's protocol parser decodes each field with
 * `new TextDecoder("utf-8")` (pg-protocol/src/buffer-reader.ts, `#decoder`, used by string() from
 * parser.ts #parseDataRowMessage), whose default `ignoreBOM: false` drops a U+FEFF at the start of
 * every field: a text column holding "\ufeffx" reads as "x" (PostgreSQL over pg reads it intact).
 * The loss happens before PGlite's per-type `parsers` run, so no parser can undo it, and the
 * decoder is private. So the exchange is run here on PGlite's public protocol API instead: the same
 * messages its query() sends (Parse, Describe, Bind, Describe, Execute, Sync; Query for exec), raw
 * bytes back through execProtocolRawStream, DataRow fields decoded with `ignoreBOM: true`, every
 * other message left to PGlite's own protocol parser, and rows built by its own parseResults with
 * its type parsers. Statements from the Prisma client still use PGlite's query(): none of its
 * reads feed a hash.
 */

/** A PostgreSQL DataRow message (protocol "Message Formats"): decoded here, see above. */
const DATA_ROW = 0x44;

function pgliteWire(pglite: PGlite): Omit<Tx, "commitWith"> {
  // A U+FEFF at the start of a value is part of the value, never a byte-order mark.
  const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

  function dataRow(bytes: Uint8Array, view: DataView, start: number, length: number): messages.DataRowMessage {
    const fields: (string | null)[] = new Array(view.getInt16(start));
    let at = start + 2;
    for (let i = 0; i < fields.length; i++) {
      const size = view.getInt32(at);
      at += 4;
      fields[i] = size === -1 ? null : utf8.decode(bytes.subarray(at, at + size));
      at += Math.max(size, 0);
    }
    return new messages.DataRowMessage(length, fields);
  }

  /** Sends protocol messages and returns the backend's answer; throws the first error in it. */
  async function send(...requests: Uint8Array[]): Promise<messages.BackendMessage[]> {
    const chunks: Uint8Array[] = [];
    // Chunks are views into wasm memory that the next write reuses: copy them.
    await pglite.execProtocolRawStream(Buffer.concat(requests), {
      syncToFs: false,
      onRawData: (chunk) => chunks.push(chunk.slice()),
    });
    const bytes = Buffer.concat(chunks);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const parser = new protocol.Parser();
    const answer: messages.BackendMessage[] = [];
    for (let at = 0; at < bytes.length; ) {
      // Type byte, then a length that counts itself but not the type byte.
      const length = view.getInt32(at + 1);
      const end = at + 1 + length;
      if (length < 4 || end > bytes.length) throw new Error("PGlite answered with a truncated protocol message");
      if (bytes[at] === DATA_ROW) answer.push(dataRow(bytes, view, at + 5, length));
      else parser.parse(bytes.subarray(at, end), (message) => answer.push(message));
      at = end;
    }
    const error = answer.find((message) => message instanceof messages.DatabaseError);
    if (error) throw error;
    return answer;
  }

  return {
    query: <T extends object>(statement: Statement) =>
      // The query lock keeps two statements of one transaction from interleaving their messages.
      pglite.runExclusive(async () => {
        let syncSent = false;
        try {
          const described = await send(protocol.serialize.parse({ text: statement.text }), DESCRIBE_STATEMENT);
          // Parameters are written as PGlite's query() writes them: by the type the server infers.
          const oids = parse.parseDescribeStatementResults(described);
          const values = statement.values.map((value, i) => {
            if (value === null || value === undefined) return null;
            const serialize = pglite.serializers[oids[i] ?? 0];
            return serialize ? serialize(value) : String(value);
          });
          syncSent = true;
          const executed = await send(
            protocol.serialize.bind({ values }),
            DESCRIBE_PORTAL,
            protocol.serialize.execute({}),
            protocol.serialize.sync(),
          );
          return (parse.parseResults(executed, pglite.parsers)[0]?.rows ?? []) as T[];
        } finally {
          // After an error the server skips every message up to a Sync.
          if (!syncSent) await send(protocol.serialize.sync()).catch(() => {});
        }
      }),
    exec: (script) =>
      pglite.runExclusive(async () => {
        const results = parse.parseResults(await send(protocol.serialize.query(script)), pglite.parsers);
        return (results.at(-1)?.rows ?? []) as Row[];
      }),
  };
}

const DESCRIBE_STATEMENT = protocol.serialize.describe({ type: "S" });
const DESCRIBE_PORTAL = protocol.serialize.describe({ type: "P" });

/**
 * PostgreSQL's timestamptz output (DateStyle ISO): `2026-01-31 12:00:00.123+00`, `0050-…`,
 * `10000-…`, `0001-12-31 10:00:00+00 BC`, offsets to the second in zones with local mean time.
 */
const TIMESTAMPTZ_TEXT =
  /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?( BC)?$/;

/**
 * timestamptz → Date. PGlite's own parser is `new Date(text)`, and V8 reads the non-ISO text of
 * years 0-99 as 19xx/20xx (`0050-03-01 12:00:00+00` → 1950) and BC years as Invalid Date. Here
 * the fields are read as PostgreSQL writes them, like pg's parser does (digits past the
 * millisecond are dropped, as Date keeps none). `infinity` stays a number, as in PGlite.
 */
function parseTimestamptz(text: string): Date | number {
  if (text === "infinity") return Number.POSITIVE_INFINITY;
  if (text === "-infinity") return Number.NEGATIVE_INFINITY;
  const match = TIMESTAMPTZ_TEXT.exec(text);
  if (!match) return new Date(text);
  const [, year, month, day, hour, minute, second, fraction = "", sign, offsetH, offsetM = "0", offsetS = "0", bc] =
    match;
  const date = new Date(0);
  // Astronomical years: 1 BC is year 0, as in ISO 8601 and Date.
  date.setUTCFullYear(bc ? 1 - Number(year) : Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, "0").slice(0, 3)));
  const offsetMs = (Number(offsetH) * 3600 + Number(offsetM) * 60 + Number(offsetS)) * 1000;
  return new Date(date.getTime() - (sign === "-" ? -offsetMs : offsetMs));
}
