-- Event ids are unique per tenant, not across the log (issue 14): recording an id another tenant
-- already used must behave as if that id did not exist, so that no answer (not even a 409) tells a
-- tenant whether another tenant's id exists. Events without a tenant form one more tenant: NULLS
-- NOT DISTINCT (PostgreSQL 15+, PGlite). The id leads, so `WHERE id = …` lookups keep one index.
CREATE UNIQUE INDEX "events_id_tenant_key" ON "events" ("id", "tenant") NULLS NOT DISTINCT;
DROP INDEX "events_id_key";
