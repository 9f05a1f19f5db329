import { describe, expect, it } from "vitest";
import { Cursor } from "../paging/cursor";
import { eventsHref, exportHref, liveHref, parseEventsState } from "./events-url";
import { parseStreamState, streamHref } from "./stream-url";
import { parseStreamsState, streamsHref } from "./streams-url";

describe("the Events page's URL state", () => {
  it("accepts exactly the cursors the API accepts, and starts over on any other", () => {
    for (const cursor of ["f0", "b1", "f123456789012345678", "b42"]) {
      expect(Cursor.safeParse(cursor).success).toBe(true);
      expect(parseEventsState({ cursor }).cursor).toBe(cursor);
    }
    for (const cursor of ["f007", "f01", "x1", "f", "b-1", "f1234567890123456789", "", "f1 "]) {
      expect(Cursor.safeParse(cursor).success).toBe(false);
      expect(parseEventsState({ cursor })).toEqual({ q: "", direction: "backward" });
    }
  });

  it("reads the direction from the cursor, and newest first without one", () => {
    expect(parseEventsState({ q: "type:A", cursor: "f9" })).toEqual({
      q: "type:A",
      cursor: "f9",
      direction: "forward",
    });
    expect(parseEventsState({ cursor: "b9" }).direction).toBe("backward");
    expect(parseEventsState({}).direction).toBe("backward");
  });

  it("takes the first of repeated parameters and drops oversized ones", () => {
    expect(parseEventsState({ q: ["a", "b"], at: ["2026-01-01T00:00"] })).toEqual({
      q: "a",
      direction: "backward",
      at: "2026-01-01T00:00",
    });
    expect(parseEventsState({ q: "x".repeat(2001) }).q).toBe("");
  });

  it("round-trips through the URLs it writes", () => {
    const href = eventsHref({ q: 'type:Order* "card declined"', cursor: "b17" });
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseEventsState(params)).toEqual({
      q: 'type:Order* "card declined"',
      cursor: "b17",
      direction: "backward",
    });
    expect(eventsHref()).toBe("/");
    expect(eventsHref({ q: "", cursor: null })).toBe("/");
    expect(exportHref("a b", "jsonl")).toBe("/api/export?q=a+b&format=jsonl");
    expect(liveHref("type:A", "12")).toBe("/api/events/live?q=type%3AA&after=12");
  });
});

describe("the stream pages' URL state", () => {
  it("reads and writes a stream's version and direction", () => {
    expect(parseStreamState({ fromVersion: "3", direction: "backward" })).toEqual({
      fromVersion: 3,
      direction: "backward",
    });
    for (const fromVersion of ["-1", "1.5", "x", "", "9007199254740993"]) {
      expect(parseStreamState({ fromVersion })).toEqual({ direction: "forward" });
    }
    expect(streamHref("Order 1/2", { fromVersion: 0, direction: "backward" })).toBe(
      "/streams/Order%201%2F2?fromVersion=0&direction=backward",
    );
    expect(streamHref("a", { direction: "forward" })).toBe("/streams/a");
  });

  it("reads and writes the streams list's prefix and cursor", () => {
    expect(parseStreamsState({ prefix: "Order-", cursor: "Order-9" })).toEqual({ prefix: "Order-", cursor: "Order-9" });
    expect(parseStreamsState({ prefix: "p".repeat(300) }).prefix).toHaveLength(200);
    expect(streamsHref({ prefix: "Order-", cursor: null })).toBe("/streams?prefix=Order-");
  });
});
