import "server-only";
import { RateLimited } from "../errors";

/** Failed sign-ins one client address may make: 10 at once, then one every 30 seconds. */
const PER_ADDRESS = { burst: 10, perSecond: 1 / 30 };
/** Failed sign-ins from all addresses together (an address can be forged): 100, then one a second. */
const OVERALL = { burst: 100, perSecond: 1 };
/** The overall bucket's key; address buckets are `address:…`, so no address can name it. */
const EVERYONE = "*";

interface Bucket {
  failures: number;
  at: number;
}

/**
 * Throttles failed sign-ins, in this process's memory: per client address and over all addresses,
 * each a leaky bucket of failures. While a bucket is full every sign-in through it is refused, a
 * right key included, so guessing gains nothing by hitting the right key during the wait. Only
 * failures fill the buckets: people who sign in correctly never spend anyone's budget.
 */
export class SignInThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Throws RateLimited (with the seconds to wait) while `address` or everyone has failed too often. */
  check(address: string): void {
    const wait = Math.max(this.wait(`address:${address}`, PER_ADDRESS), this.wait(EVERYONE, OVERALL));
    if (wait > 0) throw new RateLimited(wait, `Too many failed sign-ins; try again in ${wait} s.`);
  }

  /** Counts one failed sign-in from `address`. */
  fail(address: string): void {
    for (const key of [`address:${address}`, EVERYONE]) {
      this.buckets.set(key, { failures: this.drained(key) + 1, at: this.now() });
    }
    if (this.buckets.size > 10_000) {
      for (const key of this.buckets.keys()) if (this.drained(key) === 0) this.buckets.delete(key);
    }
  }

  /** Failures still counted for `key` now (each limit drains at its own rate). */
  private drained(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const rate = key === EVERYONE ? OVERALL.perSecond : PER_ADDRESS.perSecond;
    return Math.max(0, bucket.failures - ((this.now() - bucket.at) / 1000) * rate);
  }

  /** Whole seconds until `key` may try again, 0 when it may now. */
  private wait(key: string, limit: typeof OVERALL): number {
    const over = this.drained(key) - (limit.burst - 1);
    // The epsilon keeps float noise (1/30 s) from adding a second.
    return over > 1e-9 ? Math.max(1, Math.ceil(over / limit.perSecond - 1e-6)) : 0;
  }
}

// One throttle per process (kept on globalThis so dev-mode module reloads share it).
const slot = globalThis as typeof globalThis & { trailbookSignInThrottle?: SignInThrottle };

/** The process's sign-in throttle. */
export function signInThrottle(): SignInThrottle {
  slot.trailbookSignInThrottle ??= new SignInThrottle();
  return slot.trailbookSignInThrottle;
}

/**
 * The client address a sign-in counts against: the last `X-Forwarded-For` hop, which is the peer
 * Next saw when nobody sent the header, or the address the nearest reverse proxy saw. A client
 * talking to Trailbook directly can forge it, hence the overall limit too (SECURITY.md).
 */
export function clientAddress(forwardedFor: string | null): string {
  return forwardedFor?.split(",").at(-1)?.trim() || "unknown";
}
