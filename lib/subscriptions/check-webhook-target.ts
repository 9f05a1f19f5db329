import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { config } from "../config";

/**
 * Addresses a webhook must not reach by default: loopback, private, link-local, carrier-grade
 * NAT, unspecified, multicast and reserved ranges (IPv4 and IPv6, and IPv4 mapped into IPv6).
 * Reaching them would let a subscriber probe or call services inside the deployment (SSRF).
 */
const FORBIDDEN = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  FORBIDDEN.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  ["2001:db8::", 32],
] as const) {
  FORBIDDEN.addSubnet(net, bits, "ipv6");
}

/** Whether a webhook may connect to `address` (an IP literal) under the current setting. */
export function isAllowedAddress(address: string, allowPrivate = config.webhookAllowPrivate): boolean {
  if (allowPrivate) return true;
  const family = isIP(address);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return !FORBIDDEN.check(mapped, "ipv4");
  return !FORBIDDEN.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Why a webhook URL is refused, or null when it may be used (checked again, per connection, at delivery). */
export async function refuseWebhookUrl(raw: string): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be http: or https:";
  if (url.username || url.password) return "must not carry credentials";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (found) => found.map((entry) => entry.address),
        () => null,
      );
  if (addresses === null || addresses.length === 0) return `${host} does not resolve`;
  const refused = addresses.find((address) => !isAllowedAddress(address));
  if (!refused) return null;
  const allow = "TRAILBOOK_WEBHOOK_ALLOW_PRIVATE=1 allows it";
  return `${host} resolves to ${refused}, a private, loopback or link-local address (${allow})`;
}
