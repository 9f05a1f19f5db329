import { setTimeout as sleep } from "node:timers/promises";
import type { Principal } from "../auth/principal";
import { ConcurrencyLimited } from "../errors";

/**
 * How many requests of each expensive kind one key may run at once in one process, and for
 * verify, the whole process: a reader with expensive queries can then hold only this much of the
 * database, which every other caller shares (chaos/expensive-readers.test.ts). The search box's
 * value lookups (`suggest`, bounded index probes) have slots of their own, so that typing never
 * holds the key's search slot and makes its own search wait or answer 429.
 */
export const CONCURRENCY_LIMITS = { search: 1, live: 2, export: 1, verify: 1, suggest: 2 } as const;
export type ExpensiveKind = keyof typeof CONCURRENCY_LIMITS;

// One table per process, on globalThis: Next's routes and the lean ingest path load lib/ separately.
const slot = globalThis as typeof globalThis & { trailbookRunning?: Map<string, number> };
slot.trailbookRunning ??= new Map();
const running = slot.trailbookRunning;

/**
 * Takes a slot of `kind` for `principal` (verify: for the process) or throws ConcurrencyLimited.
 * Returns the release function; calling it more than once releases once.
 */
export function takeSlot(principal: Principal, kind: ExpensiveKind): () => void {
  const key = kind === "verify" ? "verify" : `${kind} ${principal.keyId ?? "admin-token"}`;
  const limit = CONCURRENCY_LIMITS[kind];
  const count = running.get(key) ?? 0;
  if (count >= limit) throw new ConcurrencyLimited(kind, limit, kind === "verify" ? 5 : 1);
  running.set(key, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (running.get(key) ?? 1) - 1;
    if (left > 0) running.set(key, left);
    else running.delete(key);
  };
}

/**
 * Takes a slot as takeSlot does, but waits up to `waitMs` for one to free (checking every 20 ms)
 * before it throws: a browser page, whose previous page (a double click, a quick filter clicked
 * while the last search still ran) may hold the key's one slot for a moment. Still one at a time.
 */
export async function takeSlotWaiting(principal: Principal, kind: ExpensiveKind, waitMs: number): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return takeSlot(principal, kind);
    } catch (error) {
      if (!(error instanceof ConcurrencyLimited) || Date.now() >= deadline) throw error;
      await sleep(20);
    }
  }
}

/** Runs `work` in a slot of `kind` (waiting up to `waitMs` for it), released when it settles. */
export async function inSlot<T>(
  principal: Principal,
  kind: ExpensiveKind,
  work: () => Promise<T>,
  waitMs = 0,
): Promise<T> {
  const release = await takeSlotWaiting(principal, kind, waitMs);
  try {
    return await work();
  } finally {
    release();
  }
}

/**
 * The same response, its slot released when its body has been sent, has failed or the client went
 * away: a stream (an export, a live tail) holds its slot for as long as it runs.
 */
export function releasingWhenSent(response: Response, release: () => void): Response {
  if (!response.body) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await reader.read();
          if (done) {
            release();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          release();
          controller.error(error);
        }
      },
      async cancel(reason) {
        release();
        await reader.cancel(reason);
      },
      // Pulls only when the client reads: no chunk is read ahead beyond what the inner stream does.
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
