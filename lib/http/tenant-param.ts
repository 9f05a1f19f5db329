/**
 * The `?tenant=` that picks among events of several tenants holding one id (ids are unique per
 * tenant): absent is undefined (any tenant in scope), empty is null (the events without a tenant).
 * A repeated parameter counts by its first value.
 */
export function tenantParam(value: string | string[] | null | undefined): string | null | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return undefined;
  return first === "" ? null : first;
}
