-- Browser sessions. The cookie holds a random token; only its SHA-256 is stored. A session acts
-- with its key's scopes and tenant, and dies with the key (revocation), at expiry or at sign-out.
CREATE TABLE "sessions" (
    "token_hash"     TEXT           NOT NULL,
    "key_id"         UUID,
    -- Set instead of key_id for a sign-in with TRAILBOOK_ADMIN_TOKEN: valid while that token is unchanged.
    "bootstrap_hash" TEXT,
    "created_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "expires_at"     TIMESTAMPTZ(3) NOT NULL,
    "ended_at"       TIMESTAMPTZ(3),
    CONSTRAINT "sessions_pkey" PRIMARY KEY ("token_hash"),
    CONSTRAINT "sessions_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "api_keys" ("id"),
    CONSTRAINT "sessions_one_credential" CHECK (("key_id" IS NULL) <> ("bootstrap_hash" IS NULL))
);
