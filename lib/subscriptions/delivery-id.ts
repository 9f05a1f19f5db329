import type { StoredEvent } from "../store/event-record";

/**
 * The id a delivery of `event` carries for receivers to de-duplicate on (`webhook-id`,
 * `Nats-Msg-Id`): its id, prefixed by its tenant and `/` when it has one. Ids are unique per
 * tenant, and one receiver (a subscription of a key of every tenant, or one JetStream stream with
 * several tenants publishing into it) may get events of several tenants with the same id. The
 * UUID ends the value, so the last `/` splits it.
 */
export function deliveryIdOf(event: Pick<StoredEvent, "tenant" | "id">): string {
  return event.tenant === null ? event.id : `${event.tenant}/${event.id}`;
}
