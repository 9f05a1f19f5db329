import path from "node:path";

type Env = Record<string, string | undefined>;

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

function numberOf(env: Env, name: string, fallback: number, check: (value: number) => boolean, rule: string): number {
  const raw = env[name];
  const value = raw === undefined || raw.trim() === "" ? fallback : Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new Error(`${name} must be ${rule} (got ${JSON.stringify(raw)})`);
  return value;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const dataDirOf = (env: Env) => path.resolve(/*turbopackIgnore: true*/ env.TRAILBOOK_DATA_DIR || "data");

const seconds = (env: Env, name: string, fallback: number) =>
  numberOf(env, name, fallback, (value) => value > 0, "a positive number of seconds") * 1000;

/**
 * Every environment variable the server and its commands read, in one place, each validated with a
 * message naming it. Getters read the environment at each access, never a copy: tests change it in
 * a running process (the bootstrap token's rotation), and a bad value fails where it is used.
 * Test-only variables (TEST_DATABASE_URL, CHROMIUM_PATH, E2E_PORT) stay with the tests.
 */
export function configFrom(env: Env) {
  return {
    /** PostgreSQL to use instead of the embedded database. */
    get databaseUrl(): string | null {
      return env.DATABASE_URL || null;
    },
    /** Where the embedded database (and by default the signing key) lives. */
    get dataDir(): string {
      return dataDirOf(env);
    },
    get port(): number {
      return numberOf(
        env,
        "PORT",
        3000,
        (value) => Number.isInteger(value) && value > 0 && value < 65536,
        "a TCP port",
      );
    },
    /** A secret accepted as an admin key; null when unset. At least 32 characters: it is a password. */
    get adminToken(): string | null {
      const token = env.TRAILBOOK_ADMIN_TOKEN || null;
      if (token !== null && token.length < 32) {
        throw new Error("TRAILBOOK_ADMIN_TOKEN must be at least 32 characters (e.g. `openssl rand -base64 32`)");
      }
      return token;
    },
    /** The checkpoint signing key as PKCS#8 PEM (`\n` escapes allowed), or null for the data-dir file. */
    get signingKeyPem(): string | null {
      return env.TRAILBOOK_SIGNING_KEY ? env.TRAILBOOK_SIGNING_KEY.replace(/\\n/g, "\n") : null;
    },
    /** A signed tree head is due when the log has grown this many events past the last one. */
    get checkpointEvery(): number {
      return numberOf(
        env,
        "TRAILBOOK_CHECKPOINT_EVERY",
        1000,
        (v) => Number.isInteger(v) && v > 0,
        "a positive integer",
      );
    },
    /** …or when the last head is this old and the log has grown since (milliseconds). */
    get checkpointMaxAgeMs(): number {
      return seconds(env, "TRAILBOOK_CHECKPOINT_SECONDS", 60);
    },
    /**
     * Exports sign a new tree head at most once per this many milliseconds: an export that comes
     * sooner after the latest head, while the log has grown, waits for the rest of the interval.
     * 0 signs whenever the log has grown.
     */
    get exportHeadIntervalMs(): number {
      // At most a minute: an export waits this long at worst, and the wait cannot be cut short.
      const value = numberOf(env, "TRAILBOOK_EXPORT_HEAD_SECONDS", 5, (v) => v >= 0 && v <= 60, "0 to 60 seconds");
      return value * 1000;
    },
    /** Where every signed tree head is also appended, outside the database. */
    get witnessDir(): string {
      return path.resolve(/*turbopackIgnore: true*/ env.TRAILBOOK_WITNESS_DIR || path.join(dataDirOf(env), "witness"));
    },
    /** Further witnesses: URLs that each receive every signed tree head as a JSON POST. */
    get witnessUrls(): string[] {
      return (env.TRAILBOOK_WITNESS_URLS ?? "")
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((url) => new URL(url).toString());
    },
    /** Where the public keys of every signing key ever used are kept (verification trusts only these). */
    get keyringDir(): string {
      return path.resolve(/*turbopackIgnore: true*/ env.TRAILBOOK_KEYRING_DIR || path.join(dataDirOf(env), "keyring"));
    },
    /** Per-key request limit of one process; null turns limits off (TRAILBOOK_RATE_LIMIT=0). */
    get rateLimit(): RateLimit | null {
      const perSecond = numberOf(env, "TRAILBOOK_RATE_LIMIT", 100, (v) => v >= 0, "requests per second (0 = off)");
      if (perSecond === 0) return null;
      const burst = numberOf(env, "TRAILBOOK_RATE_BURST", perSecond * 2, (v) => v >= 1, "at least 1");
      return { perSecond, burst };
    },
    /**
     * Per-key limit for recording events (write-scope routes), sized for ingest rather than for
     * browsing: one busy service sends thousands of events a second. 0 = unlimited.
     */
    get ingestRateLimit(): RateLimit | null {
      const perSecond = numberOf(
        env,
        "TRAILBOOK_INGEST_RATE_LIMIT",
        5000,
        (v) => v >= 0,
        "requests per second (0 = off)",
      );
      return perSecond === 0 ? null : { perSecond, burst: perSecond * 2 };
    },
    /** How much the server logs (pino levels; every API request is one line at `info`). */
    get logLevel(): LogLevel {
      const level = env.TRAILBOOK_LOG_LEVEL?.trim() || "info";
      if (!(LOG_LEVELS as readonly string[]).includes(level)) {
        throw new Error(`TRAILBOOK_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got ${JSON.stringify(level)})`);
      }
      return level as LogLevel;
    },
    /** A bearer secret that may read GET /api/metrics (and nothing else); null when unset. */
    get metricsToken(): string | null {
      const token = env.TRAILBOOK_METRICS_TOKEN || null;
      if (token !== null && token.length < 32) {
        throw new Error("TRAILBOOK_METRICS_TOKEN must be at least 32 characters (e.g. `openssl rand -base64 32`)");
      }
      return token;
    },
    /** How long a stopping server lets in-flight requests finish before it closes them (milliseconds). */
    get shutdownTimeoutMs(): number {
      return seconds(env, "TRAILBOOK_SHUTDOWN_TIMEOUT", 10);
    },
    /**
     * The longest one SQL statement may run on PostgreSQL (milliseconds; 0 = no limit), so that an
     * expensive search ends with a clear 503 instead of holding the database. `npm start` defaults
     * it to 10 s; commands (backup, restore, seed, verify) run without one. The server's long work
     * (verify, export, indexing) runs as many short statements; migrations lift the limit.
     */
    get statementTimeoutMs(): number {
      return numberOf(env, "TRAILBOOK_STATEMENT_TIMEOUT", 0, (v) => v >= 0, "seconds (0 = no limit)") * 1000;
    },
    /** Webhooks may target private, loopback and link-local addresses (tests, internal deployments). */
    get webhookAllowPrivate(): boolean {
      return env.TRAILBOOK_WEBHOOK_ALLOW_PRIVATE === "1";
    },
    /** The key sealing webhook secrets at rest (32 bytes, base64), or null for the data-dir file. */
    get webhookSecretsKey(): string | null {
      return env.TRAILBOOK_WEBHOOK_KEY || null;
    },
    /** The NATS server that subscriptions in `nats` mode relay to. */
    get natsUrl(): string {
      return env.TRAILBOOK_NATS_URL || "127.0.0.1:4222";
    },
    /** HTTP server timeouts, in milliseconds. */
    get timeouts(): { headersMs: number; requestMs: number; idleMs: number } {
      return {
        headersMs: seconds(env, "TRAILBOOK_HEADERS_TIMEOUT", 20),
        requestMs: seconds(env, "TRAILBOOK_REQUEST_TIMEOUT", 60),
        idleMs: seconds(env, "TRAILBOOK_IDLE_TIMEOUT", 120),
      };
    },
  };
}

export type Config = ReturnType<typeof configFrom>;

/** The process's configuration, read from `process.env`. */
export const config: Config = configFrom(process.env);
