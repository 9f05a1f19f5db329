import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeApi } from "@/lib/testing/api-fixture";
import { readSseEvents } from "@/lib/testing/read-sse";

const WRITERS = 50;
const EVENTS_EACH = 4;
const TOTAL = WRITERS * EVENTS_EACH;

interface Seen {
  id: string;
  position: string;
}

describeApi("50 writers on one stream, with followers", (api) => {
  let key = "";
  beforeAll(async () => {
    key = await api.key(["write", "read"]);
  });

  /** Follows the log with `after=` pages until `count` events of the stream arrived. */
  async function followByCursor(after: string, stream: string, count: number): Promise<Seen[]> {
    const seen: Seen[] = [];
    let from = after;
    const deadline = Date.now() + 300_000;
    while (seen.length < count && Date.now() < deadline) {
      const page = await (
        await api.call("GET", `/api/events?after=${from}&limit=37&q=${encodeURIComponent(`stream:${stream}`)}`, { key })
      ).json();
      for (const event of page.events) seen.push({ id: event.id, position: event.position });
      from = page.events.at(-1)?.position ?? from;
      if (page.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return seen;
  }

  /** Reads the live SSE stream until `count` events of the stream arrived. */
  async function followLive(after: string, stream: string, count: number): Promise<Seen[]> {
    const response = await api.call(
      "GET",
      `/api/events/live?after=${after}&q=${encodeURIComponent(`stream:${stream}`)}`,
      { key },
    );
    expect(response.status).toBe(200);
    const events = await readSseEvents<Seen>(response, count);
    return events.map((event) => ({ id: event.id, position: event.position }));
  }

  /** One writer: appends EVENTS_EACH events, each with the version it believes is current, retrying on 409. */
  async function write(stream: string, writer: number) {
    const wins: number[] = [];
    let conflicts = 0;
    let expected = 0; // everybody races for version 1 first; each 409 tells the truth
    while (wins.length < EVENTS_EACH) {
      const body = { type: "Bid", stream, expectedVersion: expected, data: { writer, n: wins.length } };
      const response = await api.call("POST", "/api/events", { key, body });
      const payload = await response.json();
      if (response.status === 201) {
        const version = payload.events[0].streams[0].version as number;
        expect(version).toBe(body.expectedVersion + 1);
        wins.push(version);
        expected = version;
      } else {
        expect(response.status, JSON.stringify(payload)).toBe(409);
        expect(payload.code).toBe("wrong_expected_version");
        expect(payload.current).toBeGreaterThan(body.expectedVersion);
        expected = payload.current;
        conflicts++;
      }
    }
    return { wins, conflicts };
  }

  it("gives each version exactly one winner, with gapless versions, while followers see every event once", async () => {
    const stream = `Auction-${randomUUID()}`;
    const opened = await api.call("POST", "/api/events", {
      key,
      body: { type: "Opened", stream, expectedVersion: "none" },
    });
    const start = (await opened.json()).events[0].position as string;

    const cursorFollower = followByCursor(start, stream, TOTAL);
    const liveFollower = followLive(start, stream, TOTAL);
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, writer) => write(stream, writer)));

    const versions = results.flatMap((r) => r.wins).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(results.reduce((sum, r) => sum + r.conflicts, 0)).toBeGreaterThan(0);

    const page = await (await api.call("GET", `/api/streams/${stream}?limit=1000`, { key })).json();
    expect(page.events.map((e: { streams: { version: number }[] }) => e.streams[0]!.version)).toEqual(
      Array.from({ length: TOTAL + 1 }, (_, i) => i),
    );
    const stored = page.events.slice(1).map((e: Seen) => e.id);

    for (const seen of [await cursorFollower, await liveFollower]) {
      expect(seen.map((e) => e.id)).toEqual(stored); // every event, once, in log order
      const positions = seen.map((e) => BigInt(e.position));
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
    }
  });
});
