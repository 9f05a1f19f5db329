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

/**
 * The `webhook-id` of one POST: the event's delivery id, or for a batch `<first>..<last>` (their
 * delivery ids). A batch retried after more events arrived holds more events, so it must not keep
 * its first event's id: a receiver de-duplicating on `webhook-id` would drop the new ones. The same
 * first and last event always bound the same events (the log is append-only and the filter fixed),
 * so a repeat of exactly that batch keeps its id.
 */
export function webhookIdOf(events: readonly Pick<StoredEvent, "tenant" | "id">[]): string {
  const first = deliveryIdOf(events[0]!);
  return events.length === 1 ? first : `${first}..${deliveryIdOf(events.at(-1)!)}`;
}
