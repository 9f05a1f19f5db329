-- The verification log: who ran each verification and over what, and no edits afterwards.
-- Runs unchanged on PostgreSQL 15+ and on PGlite.

-- A run over a range (`GET /api/verify?from=…&to=…`) checks only that range; the Integrity page
-- shows whole-log runs only, so a range run cannot pass for a verified log. Rows written before
-- these columns existed say neither (NULL), and the page does not show them.
ALTER TABLE "verifications" ADD COLUMN "whole_log" BOOLEAN;
ALTER TABLE "verifications" ADD COLUMN "from_position" BIGINT;
-- Who ran it: an API key id, "bootstrap-token" (TRAILBOOK_ADMIN_TOKEN) or "cli" (npm run verify).
ALTER TABLE "verifications" ADD COLUMN "verified_by" TEXT;

-- Append-only, like the event log: a database user cannot turn a failed run into a passed one or
-- delete failures. It can still INSERT a forged row, so the log is a record, not evidence: the
-- evidence is the signed tree heads and the witness, which verification checks.
CREATE TRIGGER "verifications_append_only" BEFORE UPDATE OR DELETE ON "verifications"
    FOR EACH ROW EXECUTE FUNCTION "trailbook_refuse_change"();
CREATE TRIGGER "verifications_no_truncate" BEFORE TRUNCATE ON "verifications"
    FOR EACH STATEMENT EXECUTE FUNCTION "trailbook_refuse_change"();
