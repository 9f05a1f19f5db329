-- How the witness file stood against the database's tree heads in each run (lib/integrity/witness-status.ts):
-- consistent, behind, missing, inconsistent, no_heads or not_checked. A run that passed without a witness
-- (missing, behind) did not check the newest heads against anything outside the database, and the
-- Integrity page says so. Rows written before this column say nothing (NULL).
ALTER TABLE "verifications" ADD COLUMN "witness_status" TEXT;
