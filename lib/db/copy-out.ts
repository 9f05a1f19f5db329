import "server-only";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Statement } from "./database";

/**
 * `COPY (…) TO STDOUT` on a connection of the pool, as Database.copyOut: the bytes in a buffer of
 * their own (not a slice of Node's shared pool, so it can be transferred to a worker) and the row
 * count PostgreSQL reports. COPY takes no parameters, so neither does the statement.
 *
 * The stream ends at CopyDone, before pg has read the CommandComplete that carries the row count
 * (it may arrive in a later packet: rowCount then still reads 0, and an export took a batch of
 * rows for none). So the count is read, and the connection released, only once pg has handed the
 * statement its ReadyForQuery.
 */
export async function copyOut(pool: pg.Pool, statement: Statement): Promise<{ bytes: Uint8Array; rows: number }> {
  if (statement.values.length > 0) throw new Error("COPY takes no parameters");
  const client = await pool.connect();
  try {
    // pg calls the active query's handleReadyForQuery (pg-copy-streams defines it; its types do not).
    const stream = client.query(copyTo(statement.text)) as ReturnType<typeof copyTo> & {
      handleReadyForQuery(...args: unknown[]): void;
      handleError(error: Error, ...args: unknown[]): void;
    };
    const ready = new Promise<void>((resolve, reject) => {
      const [onReady, onError] = [stream.handleReadyForQuery.bind(stream), stream.handleError.bind(stream)];
      stream.handleReadyForQuery = (...args) => {
        onReady(...args);
        resolve();
      };
      stream.handleError = (error, ...args) => {
        reject(error);
        onError(error, ...args);
      };
    });
    ready.catch(() => {}); // an error also ends the stream, which throws it below
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
    }
    await ready;
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return { bytes, rows: stream.rowCount };
  } finally {
    client.release();
  }
}
