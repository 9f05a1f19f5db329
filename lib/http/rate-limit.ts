import "server-only";
import { RateLimited } from "../errors";

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Per-key request limits, in this process's memory. Each server process enforces its own budget,
 * so N processes behind a balancer admit up to N× the rate (documented in SECURITY.md).
 * The map holds one small entry per key seen recently; idle full buckets are dropped.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key` or throws RateLimited with the wait until one is available. */
  take(key: string): void {
    const now = this.now();
    const bucket = this.refill(this.buckets.get(key), now);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      throw new RateLimited(Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond)));
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.dropFullBuckets(now);
  }

  private refill(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.limit.burst, updatedAt: now };
    const elapsed = (now - bucket.updatedAt) / 1000;
    return { tokens: Math.min(this.limit.burst, bucket.tokens + elapsed * this.limit.perSecond), updatedAt: now };
  }

  private dropFullBuckets(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refill(bucket, now).tokens >= this.limit.burst) this.buckets.delete(key);
    }
  }
}

/**
 * TRAILBOOK_RATE_LIMIT is requests per second per key (default 100), TRAILBOOK_RATE_BURST the
 * bucket size (default 2 s worth). `0` turns limiting off, e.g. for benchmarks.
 */
export function rateLimitFromEnv(env: Record<string, string | undefined> = process.env): RateLimit | null {
  const perSecond = Number(env.TRAILBOOK_RATE_LIMIT ?? 100);
  if (!Number.isFinite(perSecond) || perSecond < 0) throw new Error("TRAILBOOK_RATE_LIMIT must be a number of requests per second (0 = off)");
  if (perSecond === 0) return null;
  const burst = Number(env.TRAILBOOK_RATE_BURST ?? perSecond * 2);
  if (!Number.isFinite(burst) || burst < 1) throw new Error("TRAILBOOK_RATE_BURST must be at least 1");
  return { perSecond, burst };
}
