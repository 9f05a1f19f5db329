import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../store/event-record";
import { curlCommand } from "./curl-command";

const event: StoredEvent = {
  position: "7",
  id: "0190e5d3-3c2b-7a4e-9a57-7a3f0c4e0d11",
  type: "order.placed",
  data: { note: 'it\'s $(echo injected) `echo injected` \\ "q" \n ‮evil', amount: 12.5 },
  metadata: {},
  tenant: "acme",
  actor: { id: "u1", name: "O'Brien" },
  targets: [],
  correlationId: "checkout-1",
  causationId: null,
  traceId: null,
  streams: [
    { name: "Order-1", version: 0 },
    { name: "Customer-9", version: 3 },
  ],
  occurredAt: "2026-01-02T03:04:05.678Z",
  recordedAt: "2026-01-02T03:04:06.000Z",
  prevHash: "0".repeat(64),
  hash: "1".repeat(64),
  writer: null,
};

/** One empty working directory for every run, made here and removed after the suite. */
const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), "curl-command-"));
afterAll(() => fs.rmSync(sandbox, { recursive: true, force: true }));

/**
 * Builtins a restricted shell still allows that could reach outside it (signals to other processes,
 * running text as code, writing history files, changing limits); `enable` last, so they stay off.
 */
const DISABLED = "kill exec eval source . trap history ulimit umask disown wait enable";

/**
 * Runs the command in bash with `curl` replaced by a function that prints its arguments. Should the
 * quoting ever break, whatever the payload then makes the shell do stays harmless: a restricted
 * shell (no output redirection, no `cd`, no command paths) with no PATH, the risky builtins
 * disabled, HOME at the empty sandbox, and a time limit.
 */
function argumentsOf(command: string): string[] {
  const script = `enable -n ${DISABLED}\ncurl() { printf '%s\\0' "$@"; }\n${command}`;
  const out = execFileSync("/bin/bash", ["--norc", "--noprofile", "-r", "-c", script], {
    cwd: sandbox,
    env: { NODE_ENV: "test", TRAILBOOK_KEY: "tb_secret", PATH: "/nonexistent", HOME: sandbox },
    timeout: 5000,
  }).toString();
  return out.split("\0").slice(0, -1);
}

const bodyOf = (args: string[]) => JSON.parse(args[args.indexOf("--data-binary") + 1]!);

describe("curlCommand", () => {
  it("re-records the event through POST /api/events with the key from the shell", () => {
    const command = curlCommand("http://localhost:3000", event);
    expect(command).toMatch(/^[\x20-\x7e\n]*$/);
    const args = argumentsOf(command);
    expect(args.slice(0, 4)).toEqual(["-sS", "-X", "POST", "http://localhost:3000/api/events"]);
    expect(args).toContain("authorization: Bearer tb_secret");
    expect(bodyOf(args)).toEqual({
      stream: "Order-1",
      events: [
        {
          id: event.id,
          type: "order.placed",
          data: event.data,
          metadata: {},
          tenant: "acme",
          actor: { id: "u1", name: "O'Brien" },
          correlationId: "checkout-1",
          occurredAt: event.occurredAt,
          links: ["Customer-9"],
        },
      ],
    });
  });

  it("leaves out a stream for an event in none", () => {
    expect(bodyOf(argumentsOf(curlCommand("http://x", { ...event, streams: [] })))).not.toHaveProperty("stream");
  });

  it("hands the shell exactly the payload, whatever it holds", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), (key, value) => {
        const data = { [key]: value.replace(/[\ud800-\udfff]/g, "") };
        expect(bodyOf(argumentsOf(curlCommand("http://x", { ...event, data }))).events[0].data).toEqual(data);
      }),
      { numRuns: 60 },
    );
    expect(fs.readdirSync(sandbox)).toEqual([]);
  });
});
