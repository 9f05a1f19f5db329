import { eventKey } from "./event-key";
import "server-only";
import type { Tx } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { Frontier } from "../transparency/merkle-frontier";
import type { AppendContext } from "./build-event-rows";
import { extendTree } from "./extend-tree";
import { GENESIS_HASH } from "./hash-event";
import { type ChainHead, HEAD_JSON } from "./read-head";
import { readFrontier } from "./read-merkle-nodes";

interface ContextRow {
  head: ChainHead | null;
  streams: { name: string; version: string | null }[];
  causes: { id: string; correlationId: string; tenant: string | null }[];
  tree_size: string;
  live_keys: string[];
}

/** The one statement that reads an append's context (below). */
export const appendContextStatement = (streams: string[], causes: string[], keys: string[]) =>
  Prisma.sql`SELECT
    ${HEAD_JSON} AS head,
    (SELECT coalesce(json_agg(json_build_object('name', s.name,
            'version', (SELECT max(version)::text FROM stream_events WHERE stream = s.name))), '[]')
       FROM unnest(${streams}::text[]) AS s(name)) AS streams,
    (SELECT coalesce(json_agg(json_build_object('id', id, 'correlationId', correlation_id, 'tenant', tenant)), '[]')
       FROM events WHERE id = ANY(${causes}::uuid[])) AS causes,
    (SELECT coalesce(json_agg(id::text), '[]') FROM api_keys
      WHERE id = ANY(${keys}::uuid[]) AND revoked_at IS NULL) AS live_keys,
    (SELECT coalesce(max(position), 0)::text FROM merkle_nodes) AS tree_size`;

/**
 * Everything an append decides with, read under the append lock in one round trip: the chain head,
 * each named stream's last version, the stored causes' correlations, which of the writing API
 * keys are not revoked, and the Merkle tree's size.
 * The tree's right edge follows (O(log n) rows) unless `known` is the frontier at that size: this
 * process wrote it last, and a tree's nodes never change. A store whose tree lags its events
 * (written before the tree existed) is caught up first, still under the lock.
 */
export async function readAppendContext(
  tx: Tx,
  streams: string[],
  causes: string[],
  keys: string[],
  known?: Frontier,
): Promise<AppendContext & { frontier: Frontier }> {
  const [row] = await tx.query<ContextRow>(appendContextStatement(streams, causes, keys));
  if (!row) throw new Error("append context query returned no row");
  const head = row.head ? Number(row.head.position) : 0;
  const treeSize = Number(row.tree_size);
  const frontier =
    treeSize < head
      ? await extendTree(tx, treeSize, head)
      : known?.size === treeSize
        ? known
        : await readFrontier(tx, treeSize);
  if (frontier.size !== head) throw new Error(`The Merkle tree has ${frontier.size} leaves but the log ${head} events`);
  return {
    head: row.head
      ? { position: BigInt(row.head.position), hash: row.head.hash, recordedAt: new Date(row.head.recordedAt) }
      : { position: 0n, hash: GENESIS_HASH, recordedAt: new Date(0) },
    streamVersions: new Map(row.streams.map((s) => [s.name, s.version === null ? null : Number(s.version)])),
    causes: new Map(row.causes.map((c) => [eventKey(c.tenant, c.id), { correlationId: c.correlationId }])),
    now: new Date(),
    liveKeys: new Set(row.live_keys),
    frontier,
  };
}
