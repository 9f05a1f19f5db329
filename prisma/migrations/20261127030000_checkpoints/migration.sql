-- Signed checkpoints pin the chain head: an Ed25519 signature (key kept outside the database)
-- over { position, hash, createdAt }. Whoever can write the database but lacks the key can
-- neither truncate the tail below a checkpoint nor recompute the chain unnoticed.
CREATE TABLE "checkpoints" (
    "position"    BIGINT         NOT NULL,
    "hash"        TEXT           NOT NULL,
    "created_at"  TIMESTAMPTZ(3) NOT NULL,
    "key_id"      TEXT           NOT NULL,
    "signature"   TEXT           NOT NULL,
    CONSTRAINT "checkpoints_pkey" PRIMARY KEY ("position"),
    CONSTRAINT "checkpoints_hash_hex" CHECK ("hash" ~ '^[0-9a-f]{64}$')
);

CREATE TRIGGER "checkpoints_append_only" BEFORE UPDATE OR DELETE ON "checkpoints"
    FOR EACH ROW EXECUTE FUNCTION "trailbook_refuse_change"();
CREATE TRIGGER "checkpoints_no_truncate" BEFORE TRUNCATE ON "checkpoints"
    FOR EACH STATEMENT EXECUTE FUNCTION "trailbook_refuse_change"();

-- The outcome of each verification run, newest shown on the Integrity page.
CREATE TABLE "verifications" (
    "id"              UUID           NOT NULL,
    "started_at"      TIMESTAMPTZ(3) NOT NULL,
    "finished_at"     TIMESTAMPTZ(3) NOT NULL,
    "ok"              BOOLEAN        NOT NULL,
    "checked"         BIGINT         NOT NULL,
    "head_position"   BIGINT,
    "first_bad"       JSONB,
    "checkpoints_ok"  INTEGER        NOT NULL,
    CONSTRAINT "verifications_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "verifications_finished_at_idx" ON "verifications" ("finished_at");
