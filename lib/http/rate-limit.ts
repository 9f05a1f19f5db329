import "server-only";
import type { RateLimit } from "../config";
import { RateLimited } from "../errors";

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
