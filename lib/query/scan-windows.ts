import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { Direction } from "../paging/keyset-page";
import type { StoredEvent } from "../store/event-record";
import { readEvents } from "../store/read-events";
import { readHead } from "../store/read-head";
import type { TenantScope } from "../store/tenant-scope";

/**
 * How a filtered search walks the log: in windows of positions, each one bounded statement, the
 * next one twice as wide up to `maxWindow`, until the page is full, the log ends or `budgetMs` is
 * spent. So no single statement scans the whole log (on PGlite one statement holds the whole
 * process), other requests run between windows, and a filter that matches nothing costs at most
 * the budget. Measured on PGlite (100,000 events): a worst-case window of 20,000 positions ≈ 80 ms.
 */
export const SCAN_LIMITS = {
  pglite: { firstWindow: 5_000, maxWindow: 20_000, budgetMs: 250 },
  postgres: { firstWindow: 20_000, maxWindow: 100_000, budgetMs: 1_000 },
} as const;

export interface ScannedPage {
  events: StoredEvent[];
  /** True when the page is full and more matches may follow past its last event. */
  more: boolean;
  /** Where scanning stopped when the budget ran out before the page filled or the log ended. */
  stoppedAt: string | null;
  /** The last position examined (forward: up to the head read at the start). */
  scannedTo: string;
}

/**
 * Reads up to `limit` events matching `where` past `after` in `direction`, window by window.
 * Invariant: every position between `after` and `scannedTo` was examined, so a caller continuing
 * from `stoppedAt` (or a follower from `scannedTo`) neither skips nor repeats an event.
 */
export async function scanWindows(
  db: Database,
  options: { where: Prisma.Sql[]; scope: TenantScope; after?: string; direction: Direction; limit: number },
  limits: { firstWindow: number; maxWindow: number; budgetMs: number } = SCAN_LIMITS[db.kind],
): Promise<ScannedPage> {
  const head = BigInt((await readHead(db))?.position ?? "0");
  const started = performance.now();
  const forward = options.direction === "forward";
  let edge = options.after !== undefined ? BigInt(options.after) : forward ? 0n : head + 1n;
  const events: StoredEvent[] = [];
  for (let width = BigInt(limits.firstWindow); ; width = min(width * 2n, BigInt(limits.maxWindow))) {
    const end = forward ? min(edge + width, head) : max(edge - width, 1n); // inclusive far end
    if (forward ? edge >= head : edge <= 1n) return { events, more: false, stoppedAt: null, scannedTo: String(edge) };
    const window = forward
      ? Prisma.sql`e.position > ${String(edge)}::bigint AND e.position <= ${String(end)}::bigint`
      : Prisma.sql`e.position < ${String(edge)}::bigint AND e.position >= ${String(end)}::bigint`;
    const page = await readEvents(db, {
      where: [...options.where, window],
      scope: options.scope,
      direction: options.direction,
      limit: options.limit - events.length,
    });
    events.push(...page.items);
    edge = end; // every position between the old edge and `end` has been examined
    const done = forward ? edge >= head : edge <= 1n;
    if (page.next !== null || events.length === options.limit) {
      return { events, more: page.next !== null || !done, stoppedAt: null, scannedTo: events.at(-1)!.position };
    }
    if (done) return { events, more: false, stoppedAt: null, scannedTo: String(edge) };
    if (performance.now() - started > limits.budgetMs) {
      return { events, more: false, stoppedAt: String(edge), scannedTo: String(edge) };
    }
  }
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);
