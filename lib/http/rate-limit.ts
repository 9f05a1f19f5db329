import "server-only";
import type { RateLimit } from "../config";
import { RateLimited } from "../errors";

interface Bucket {
  tokens: number;
  updatedAt: number;
  limit: RateLimit;
}

/**
 * Per-key request limits, in this process's memory. Each server process enforces its own budget,
 * so N processes behind a balancer admit up to N× the rate (documented in SECURITY.md). A bucket
 * is a key and a kind of request (`limitFor` in api-route.ts), each refilling at its own limit.
 * The map holds one small entry per bucket used recently; idle full buckets are dropped.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    /** The server's defaults: for reads and admin requests, and for recording events (null = unlimited). */
    readonly defaults: { api: RateLimit; ingest: RateLimit | null },
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token from `bucket`, which refills at `limit`, or throws RateLimited with the wait. */
  take(bucket: string, limit: RateLimit): void {
    const now = this.now();
    const state = refill(this.buckets.get(bucket), limit, now);
    this.buckets.set(bucket, state);
    if (state.tokens < 1) throw new RateLimited(Math.max(1, Math.ceil((1 - state.tokens) / limit.perSecond)));
    state.tokens -= 1;
    if (this.buckets.size > 10_000) this.dropFullBuckets(now);
  }

  private dropFullBuckets(now: number): void {
    for (const [key, state] of this.buckets) {
      if (refill(state, state.limit, now).tokens >= state.limit.burst) this.buckets.delete(key);
    }
  }
}

/** The bucket after the time since its last use; a new one starts full. */
function refill(bucket: Bucket | undefined, limit: RateLimit, now: number): Bucket {
  if (!bucket) return { tokens: limit.burst, updatedAt: now, limit };
  const elapsed = (now - bucket.updatedAt) / 1000;
  return { tokens: Math.min(limit.burst, bucket.tokens + elapsed * limit.perSecond), updatedAt: now, limit };
}
