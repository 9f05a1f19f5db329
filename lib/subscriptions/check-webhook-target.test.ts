import { describe, expect, it } from "vitest";
import { isAllowedAddress, refuseWebhookUrl } from "./check-webhook-target";

describe("isAllowedAddress", () => {
  const refused = [
    "0.0.0.0",
    "10.1.2.3",
    "100.64.0.1",
    "127.0.0.1",
    "127.255.255.254",
    "169.254.169.254",
    "172.16.0.1",
    "172.31.255.255",
    "192.0.0.8",
    "192.168.1.1",
    "198.18.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "fc00::1",
    "fd12::1",
    "fe80::1",
    "ff02::1",
    "64:ff9b::a00:1",
    "2001:db8::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
  ];
  const allowed = ["1.1.1.1", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"];

  it("refuses loopback, private, link-local, CGNAT, multicast and reserved ranges, mapped ones too", () => {
    expect(refused.filter((address) => isAllowedAddress(address, false))).toEqual([]);
  });

  it("allows public addresses, and refuses what is not an address", () => {
    expect(allowed.filter((address) => !isAllowedAddress(address, false))).toEqual([]);
    expect(isAllowedAddress("example.com", false)).toBe(false);
  });

  it("allows everything when private targets are allowed", () => {
    expect(refused.every((address) => isAllowedAddress(address, true))).toBe(true);
  });
});

describe("refuseWebhookUrl", () => {
  it("says why a URL is refused, and nothing for a public address", async () => {
    delete process.env.TRAILBOOK_WEBHOOK_ALLOW_PRIVATE;
    expect(await refuseWebhookUrl("ftp://8.8.8.8/")).toBe("must be http: or https:");
    expect(await refuseWebhookUrl("https://u:p@8.8.8.8/")).toBe("must not carry credentials");
    expect(await refuseWebhookUrl("not a url")).toBe("not a URL");
    expect(await refuseWebhookUrl("http://[::ffff:127.0.0.1]:4000/hook")).toMatch(/^::ffff:7f00:1 resolves to/);
    expect(await refuseWebhookUrl("http://localhost:4000/hook")).toMatch(/^localhost resolves to .*loopback/);
    expect(await refuseWebhookUrl("https://8.8.8.8/hook")).toBeNull();
  });
});
