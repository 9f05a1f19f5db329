-- Rate limits belong to the key: requests per second this key may make per server process.
-- NULL: the server's default for the kind of request (TRAILBOOK_RATE_LIMIT for reads and admin,
-- TRAILBOOK_INGEST_RATE_LIMIT for recording events); 0: unlimited.
ALTER TABLE "api_keys" ADD COLUMN "rate_limit" INTEGER;
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_rate_limit_check" CHECK ("rate_limit" >= 0);
