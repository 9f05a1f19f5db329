-- Trailbook initial schema. Runs unchanged on PostgreSQL 15+ and on PGlite.
-- Invariants enforced here rather than in code, so no writer (ours or a human with psql) can skip them:
--   * events and stream_events are append-only (triggers below refuse UPDATE, DELETE, TRUNCATE);
--   * positions and stream versions are unique; an event is in a stream at most once.

CREATE TABLE "events" (
    "position"       BIGINT       NOT NULL,
    "id"             UUID         NOT NULL,
    "type"           TEXT         COLLATE "C" NOT NULL,
    "data"           JSONB        NOT NULL,
    "metadata"       JSONB        NOT NULL,
    "tenant"         TEXT         COLLATE "C",
    "actor_id"       TEXT         COLLATE "C",
    "actor_type"     TEXT,
    "actor_name"     TEXT,
    "targets"        JSONB        NOT NULL,
    "correlation_id" TEXT         COLLATE "C" NOT NULL,
    "causation_id"   UUID,
    "trace_id"       TEXT,
    "streams"        JSONB        NOT NULL,
    "occurred_at"    TIMESTAMPTZ(3) NOT NULL,
    "recorded_at"    TIMESTAMPTZ(3) NOT NULL,
    "prev_hash"      TEXT         NOT NULL,
    "hash"           TEXT         NOT NULL,
    CONSTRAINT "events_pkey" PRIMARY KEY ("position"),
    CONSTRAINT "events_position_positive" CHECK ("position" > 0),
    CONSTRAINT "events_hash_hex" CHECK ("hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "events_type_length" CHECK (char_length("type") BETWEEN 1 AND 200)
);

CREATE UNIQUE INDEX "events_id_key" ON "events" ("id");
CREATE INDEX "events_type_position_idx" ON "events" ("type", "position");
CREATE INDEX "events_tenant_position_idx" ON "events" ("tenant", "position");
CREATE INDEX "events_actor_id_position_idx" ON "events" ("actor_id", "position");
CREATE INDEX "events_correlation_id_position_idx" ON "events" ("correlation_id", "position");
CREATE INDEX "events_causation_id_idx" ON "events" ("causation_id");
CREATE INDEX "events_recorded_at_idx" ON "events" ("recorded_at");
-- Free-text search over the type (split at its separators, so "login" finds user.login) and
-- every string and number inside data and metadata.
CREATE INDEX "events_fulltext_idx" ON "events" USING GIN ((
    to_tsvector('simple'::regconfig, translate("type", '._:-/', '     '))
    || jsonb_to_tsvector('simple'::regconfig, "data", '["string", "numeric"]')
    || jsonb_to_tsvector('simple'::regconfig, "metadata", '["string", "numeric"]')
));

CREATE TABLE "stream_events" (
    "stream"    TEXT         COLLATE "C" NOT NULL,
    "version"   BIGINT       NOT NULL,
    "position"  BIGINT       NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "stream_events_pkey" PRIMARY KEY ("stream", "version"),
    CONSTRAINT "stream_events_position_fkey" FOREIGN KEY ("position") REFERENCES "events" ("position"),
    CONSTRAINT "stream_events_version_nonnegative" CHECK ("version" >= 0),
    CONSTRAINT "stream_events_stream_length" CHECK (char_length("stream") BETWEEN 1 AND 200)
);

CREATE UNIQUE INDEX "stream_events_stream_position_key" ON "stream_events" ("stream", "position");
CREATE INDEX "stream_events_position_idx" ON "stream_events" ("position");

CREATE FUNCTION "trailbook_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'trailbook: % on % is refused: the event log is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "events_append_only" BEFORE UPDATE OR DELETE ON "events"
    FOR EACH ROW EXECUTE FUNCTION "trailbook_refuse_change"();
CREATE TRIGGER "events_no_truncate" BEFORE TRUNCATE ON "events"
    FOR EACH STATEMENT EXECUTE FUNCTION "trailbook_refuse_change"();
CREATE TRIGGER "stream_events_append_only" BEFORE UPDATE OR DELETE ON "stream_events"
    FOR EACH ROW EXECUTE FUNCTION "trailbook_refuse_change"();
CREATE TRIGGER "stream_events_no_truncate" BEFORE TRUNCATE ON "stream_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "trailbook_refuse_change"();
