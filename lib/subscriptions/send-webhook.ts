import { webhookIdOf } from "./delivery-id";
import "server-only";
import { lookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import type { StoredEvent } from "../store/event-record";
import { isAllowedAddress } from "./check-webhook-target";

/** What one attempt came to: HTTP status (null: no answer), how long it took, and why it failed. */
export interface AttemptResult {
  /** How many of the batch's events were delivered, in order (all or none for a webhook). */
  delivered: number;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * Resolves like the default lookup, then refuses any address outside the allowed ranges. It runs
 * for the connection itself, so a name that resolved to a public address when the subscription
 * was made, and to 127.0.0.1 now (DNS rebinding), is still refused.
 */
const checkedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 4);
    const list = addresses as unknown as { address: string; family: number }[];
    const refused = list.find((entry) => !isAllowedAddress(entry.address));
    if (refused) {
      return callback(new Error(`refused: ${hostname} resolves to ${refused.address}`), "", 4);
    }
    if ((options as { all?: boolean }).all) return (callback as (e: null, a: typeof list) => void)(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
};

/**
 * Connections to receivers are kept open and reused (a new TCP and TLS handshake per POST was most
 * of a small delivery's cost). Each connection was made through {@link checkedLookup}, so a reused
 * one still goes to an address that was allowed when it opened. A timed-out request destroys its
 * socket, so a slow receiver's connection is never reused.
 */
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** The body Standard Webhooks recommends: `{ type, timestamp, data }`; a batch is `trailbook.batch`. */
export function webhookPayload(events: StoredEvent[]): string {
  if (events.length === 1) {
    const [event] = events;
    return JSON.stringify({ type: event!.type, timestamp: event!.recordedAt, data: event });
  }
  return JSON.stringify({ type: "trailbook.batch", timestamp: events.at(-1)!.recordedAt, data: { events } });
}

/**
 * POSTs `events` to `url`, signed per Standard Webhooks: `webhook-id` is the event's delivery id,
 * or a batch's first and last (webhookIdOf: tenant and id), the same on every retry, so receivers
 * de-duplicate on it; `webhook-timestamp` is this attempt's time. 2xx is delivered; anything else,
 * no answer within `timeoutMs` (connection, headers and body together: a slow reader too) or a
 * refused address is a failed attempt. Redirects are not
 * followed (a 3xx fails), so a receiver cannot bounce the request to an address we refuse.
 */
export function sendWebhook(
  url: string,
  secret: string,
  events: StoredEvent[],
  timeoutMs: number,
): Promise<AttemptResult> {
  // Node resolves no name for an address literal, so checkedLookup never sees one: check it here.
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !isAllowedAddress(host)) {
    return Promise.resolve({ delivered: 0, statusCode: null, durationMs: 0, error: `refused: ${host}` });
  }
  const body = webhookPayload(events);
  const id = webhookIdOf(events);
  const now = new Date();
  const headers = {
    "content-type": "application/json",
    "user-agent": "Trailbook-Webhooks/1",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, now, body),
  };
  const startedAt = performance.now();
  const secure = url.startsWith("https:");
  const client = secure ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const ok = statusCode !== null && statusCode >= 200 && statusCode < 300 && error === null;
      const durationMs = Math.round(performance.now() - startedAt);
      resolve({
        delivered: ok ? events.length : 0,
        statusCode,
        durationMs,
        error: ok ? null : (error ?? `HTTP ${statusCode}`),
      });
    };
    const send = (agent: http.Agent | false) => {
      const request = client.request(url, { method: "POST", headers, lookup: checkedLookup, agent }, (response) => {
        // Read (and drop) the answer: the attempt ends when the receiver has said all it will say.
        response.on("data", () => {});
        response.on("end", () => finish(response.statusCode ?? null, null));
        response.on("error", (error) => finish(response.statusCode ?? null, error.message));
      });
      request.on("error", (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the receiver closed as it was reused: once more, on a new one.
        if (agent && request.reusedSocket && error.code === "ECONNRESET" && !settled) return send(false);
        finish(null, error.message);
      });
      current = request;
      request.end(body);
    };
    let current: http.ClientRequest | undefined;
    const timer = setTimeout(() => {
      finish(null, `timed out after ${timeoutMs} ms`);
      current?.destroy();
    }, timeoutMs);
    send(secure ? agents.https : agents.http);
  });
}
