-- Durable subscriptions (issue 15): the server keeps each consumer's position, lease, retries and
-- dead letters. Runs unchanged on PostgreSQL 15+ and on PGlite. None of this is evidence: it is
-- delivery state, updated in place, and never part of the hashed log.

-- The `subscribe` scope: create, manage and consume the subscriptions of the key's tenant.
ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_scopes_known";
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scopes_known"
    CHECK ("scopes" <@ ARRAY['write', 'read', 'export', 'admin', 'subscribe']::TEXT[]);

CREATE TABLE "subscriptions" (
    "id"                  UUID           NOT NULL,
    "name"                TEXT           COLLATE "C" NOT NULL,
    -- The tenant of the key that created it (NULL: a key bound to none, which sees every tenant).
    "tenant"              TEXT           COLLATE "C",
    -- In the search language; compiled by lib/query at every read, so it follows the language.
    "filter"              TEXT           NOT NULL,
    "mode"                TEXT           NOT NULL,
    "status"              TEXT           NOT NULL DEFAULT 'active',
    -- Every matching event at or below this position has been delivered and acknowledged.
    "acked_position"      BIGINT         NOT NULL,
    "created_at"          TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "created_by"          TEXT           NOT NULL,
    "webhook_url"         TEXT,
    -- The webhook signing secret, AES-256-GCM sealed with a key kept outside the database.
    "secret_sealed"       TEXT,
    "nats_subject_prefix" TEXT,
    "batch_size"          INTEGER        NOT NULL DEFAULT 1,
    "timeout_ms"          INTEGER        NOT NULL DEFAULT 10000,
    "max_attempts"        INTEGER        NOT NULL DEFAULT 12,
    "max_retry_seconds"   INTEGER        NOT NULL DEFAULT 86400,
    "retry_base_ms"       INTEGER        NOT NULL DEFAULT 1000,
    -- Whoever holds an unexpired lease (a pull consumer, or one delivery worker in any process)
    -- is the only one delivering this subscription; lease_through is the last position it holds.
    "lease_token"         UUID,
    "lease_expires_at"    TIMESTAMPTZ(3),
    "lease_through"       BIGINT,
    -- Failed attempts at the current batch, since when, and when the next one is due.
    "attempts"            INTEGER        NOT NULL DEFAULT 0,
    "failing_since"       TIMESTAMPTZ(3),
    "next_attempt_at"     TIMESTAMPTZ(3),
    "last_error"          TEXT,
    "last_delivery_at"    TIMESTAMPTZ(3),
    "delivered_count"     BIGINT         NOT NULL DEFAULT 0,
    "failure_count"       BIGINT         NOT NULL DEFAULT 0,
    "dead_letter_count"   BIGINT         NOT NULL DEFAULT 0,
    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "subscriptions_tenant_name_key" UNIQUE NULLS NOT DISTINCT ("tenant", "name"),
    CONSTRAINT "subscriptions_mode_known" CHECK ("mode" IN ('pull', 'webhook', 'nats')),
    CONSTRAINT "subscriptions_status_known" CHECK ("status" IN ('active', 'paused', 'failing', 'dead')),
    CONSTRAINT "subscriptions_webhook_target" CHECK (("mode" = 'webhook') = ("webhook_url" IS NOT NULL)),
    CONSTRAINT "subscriptions_position_valid" CHECK ("acked_position" >= 0)
);

-- The delivery log: one row per attempt (webhook POST, NATS publish), newest kept (pruned).
CREATE TABLE "subscription_deliveries" (
    "id"              BIGINT         GENERATED ALWAYS AS IDENTITY,
    "subscription_id" UUID           NOT NULL,
    "attempted_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "first_position"  BIGINT         NOT NULL,
    "last_position"   BIGINT         NOT NULL,
    "event_count"     INTEGER        NOT NULL,
    "attempt"         INTEGER        NOT NULL,
    "outcome"         TEXT           NOT NULL,
    "status_code"     INTEGER,
    "duration_ms"     INTEGER        NOT NULL,
    "error"           TEXT,
    CONSTRAINT "subscription_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "subscription_deliveries_subscription_fkey" FOREIGN KEY ("subscription_id")
        REFERENCES "subscriptions" ("id") ON DELETE CASCADE,
    CONSTRAINT "subscription_deliveries_outcome_known" CHECK ("outcome" IN ('delivered', 'failed', 'dead'))
);
CREATE INDEX "subscription_deliveries_subscription_idx" ON "subscription_deliveries" ("subscription_id", "id");

-- A batch that failed past the limits: the subscription stops there (status dead) so nothing is
-- lost or delivered out of order; replay retries it, a reset skips it.
CREATE TABLE "subscription_dead_letters" (
    "id"              UUID           NOT NULL,
    "subscription_id" UUID           NOT NULL,
    "first_position"  BIGINT         NOT NULL,
    "last_position"   BIGINT         NOT NULL,
    "event_ids"       UUID[]         NOT NULL,
    "attempts"        INTEGER        NOT NULL,
    "last_error"      TEXT,
    "died_at"         TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "replayed_at"     TIMESTAMPTZ(3),
    CONSTRAINT "subscription_dead_letters_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "subscription_dead_letters_subscription_fkey" FOREIGN KEY ("subscription_id")
        REFERENCES "subscriptions" ("id") ON DELETE CASCADE
);
CREATE INDEX "subscription_dead_letters_subscription_idx"
    ON "subscription_dead_letters" ("subscription_id", "died_at");
