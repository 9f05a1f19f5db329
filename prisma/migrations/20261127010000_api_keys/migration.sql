-- API keys. Only a SHA-256 of each key is stored: keys are 192-bit random secrets, so a fast
-- hash is enough (no password stretching needed) and lookup by hash is one index probe.
CREATE TABLE "api_keys" (
    "id"         UUID           NOT NULL,
    "name"       TEXT           NOT NULL,
    "key_hash"   TEXT           NOT NULL,
    "prefix"     TEXT           NOT NULL,
    "scopes"     TEXT[]         NOT NULL,
    "tenant"     TEXT           COLLATE "C",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_keys_hash_hex" CHECK ("key_hash" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "api_keys_scopes_known" CHECK ("scopes" <@ ARRAY['write', 'read', 'export', 'admin']::TEXT[])
);

CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" ("key_hash");
