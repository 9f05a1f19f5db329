import { deliveryIdOf } from "./delivery-id";
import "server-only";
import { jetstream } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { config } from "../config";
import type { StoredEvent } from "../store/event-record";
import type { AttemptResult } from "./send-webhook";

// One connection per process and server address, reused by every relay (kept on globalThis for
// dev-mode module reloads). A closed connection is replaced at the next publish.
const slot = globalThis as typeof globalThis & { trailbookNats?: Map<string, Promise<NatsConnection>> };

function connection(servers: string): Promise<NatsConnection> {
  slot.trailbookNats ??= new Map();
  const cached = slot.trailbookNats.get(servers);
  if (cached) return cached;
  const opened = connect({ servers, name: "trailbook-relay", maxReconnectAttempts: -1 }).catch((error: unknown) => {
    slot.trailbookNats?.delete(servers);
    throw error;
  });
  slot.trailbookNats.set(servers, opened);
  return opened;
}

/**
 * `<prefix>.<tenant>.<type>`, the type's dots making further tokens. The tenant is one token: a
 * tenant's `.` is written `%2E` (tenant ids hold no `%`), so tenant `acme.eu` with type `Order`
 * and tenant `acme` with type `eu.Order` never share a subject, and `trailbook.acme.>` holds acme's
 * events only. `_` stands for no tenant and for an empty type token, so a tenant or type token
 * that is itself `_` is written `%5F`. Tenant and type ids hold no blank, `*` or `>` (schemas.ts).
 */
export function subjectOf(prefix: string, event: Pick<StoredEvent, "tenant" | "type">): string {
  const tenant = event.tenant === null ? "_" : literalToken(event.tenant.replaceAll(".", "%2E"));
  const type = event.type.split(".").map((token) => (token === "" ? "_" : literalToken(token)));
  return [prefix, tenant, ...type].join(".");
}

const literalToken = (token: string) => (token === "_" ? "%5F" : token);

/**
 * Publishes `events` to JetStream one by one, in order, each with its {@link deliveryIdOf} as `Nats-Msg-Id`
 * (JetStream drops a repeat within its duplicate window). Each publish waits for the stream's
 * acknowledgement; `delivered` counts the acknowledged ones, and only those move the position.
 */
export async function publishToNats(prefix: string, events: StoredEvent[], timeoutMs: number): Promise<AttemptResult> {
  const startedAt = performance.now();
  let delivered = 0;
  try {
    const nc = await connection(config.natsUrl);
    if (nc.isClosed()) {
      slot.trailbookNats?.delete(config.natsUrl);
      throw new Error("NATS connection closed");
    }
    const js = jetstream(nc);
    for (const event of events) {
      await js.publish(subjectOf(prefix, event), JSON.stringify(event), {
        msgID: deliveryIdOf(event),
        timeout: timeoutMs,
      });
      delivered += 1;
    }
    return { delivered, statusCode: null, durationMs: Math.round(performance.now() - startedAt), error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { delivered, statusCode: null, durationMs: Math.round(performance.now() - startedAt), error: message };
  }
}

/** Closes this process's NATS connections (tests, shutdown). */
export async function closeNats(): Promise<void> {
  const open = [...(slot.trailbookNats?.values() ?? [])];
  slot.trailbookNats?.clear();
  await Promise.all(open.map((nc) => nc.then((c) => c.drain()).catch(() => {})));
}
