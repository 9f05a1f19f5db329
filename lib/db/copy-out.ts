import "server-only";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Statement } from "./database";

/**
 * `COPY (…) TO STDOUT` on a connection of the pool, as Database.copyOut: the bytes in a buffer of
 * their own (not a slice of Node's shared pool, so it can be transferred to a worker) and the row
 * count PostgreSQL reports. COPY takes no parameters, so neither does the statement.
 */
export async function copyOut(pool: pg.Pool, statement: Statement): Promise<{ bytes: Uint8Array; rows: number }> {
  if (statement.values.length > 0) throw new Error("COPY takes no parameters");
  const client = await pool.connect();
  try {
    const stream = client.query(copyTo(statement.text));
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
    }
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
