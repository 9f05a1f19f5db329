/**
 * An event's identity as a map key: ids are unique per tenant, not across the log (events without
 * a tenant count as one tenant), so two tenants may hold the same id. Never parsed back.
 */
export function eventKey(tenant: string | null | undefined, id: string): string {
  return JSON.stringify([tenant ?? null, id]);
}
