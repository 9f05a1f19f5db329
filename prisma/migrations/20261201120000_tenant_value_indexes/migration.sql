-- The search box suggests the types and actors a reader's tenant has used (lib/store/suggest-values.ts):
-- one index probe per distinct value, a loose scan. Every tenant's values are one skip scan over the
-- (type, position) and (actor_id, position) indexes, but one tenant's are not: those indexes would
-- have to walk the other tenants' rows to find them. Partial, so a log without tenants pays nothing
-- on append; `position` last, so a tenant's `type:`/`actor:` search can also walk one in log order.
CREATE INDEX "events_tenant_type_position_idx" ON "events" ("tenant", "type", "position")
    WHERE "tenant" IS NOT NULL;
CREATE INDEX "events_tenant_actor_id_position_idx" ON "events" ("tenant", "actor_id", "position")
    WHERE "tenant" IS NOT NULL AND "actor_id" IS NOT NULL;
