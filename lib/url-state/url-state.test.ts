import { describe, expect, it } from "vitest";
import { Cursor } from "../paging/cursor";
import { addTerm, onTimeField, timeFieldOf, timeTermOf, utcRangeTerm, withoutTime, withTime } from "./edit-query";
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
    expect(parseStreamsState({ view: "names" })).toEqual({ prefix: "", names: true });
    expect(parseStreamsState({ view: "other" })).toEqual({ prefix: "" });
    expect(streamsHref({ names: true, cursor: "b" })).toBe("/streams?cursor=b&view=names");
  });

  it("reads and writes the streams list's category and order, dropping what it does not know", () => {
    expect(parseStreamsState({ category: "Order", sort: "activity" })).toEqual({
      prefix: "",
      category: "Order",
      sort: "activity",
    });
    expect(parseStreamsState({ category: "Order-42", sort: "name" })).toEqual({ prefix: "", category: "Order" });
    expect(parseStreamsState({ category: "-x", sort: "size" })).toEqual({ prefix: "" });
    expect(parseStreamsState({ sort: "count", cursor: "Order-1" })).toEqual({ prefix: "", sort: "count" });
    expect(parseStreamsState({ sort: "count", cursor: "3_Order-1" }).cursor).toBe("3_Order-1");
    expect(parseStreamsState({ cursor: "3_Order-1" }).cursor).toBe("3_Order-1");
    expect(streamsHref({ category: "Order", sort: "count", cursor: "3_Order-1" })).toBe(
      "/streams?category=Order&sort=count&cursor=3_Order-1",
    );
    expect(streamsHref({ sort: "name", names: true })).toBe("/streams?view=names");
  });
});

describe("editing a search from the page's controls", () => {
  it("replaces the time term, leaving the rest", () => {
    expect(withTime("type:A recorded:>=now-1h -recorded:2026-01-01 x", "recorded:>=now-15m")).toBe(
      "type:A x recorded:>=now-15m",
    );
    expect(withoutTime("  recorded:now-1h..now  ")).toBe("");
    expect(timeTermOf("type:A recorded:>=now-15m")).toBe("recorded:>=now-15m");
    expect(timeTermOf("recorded:>=now-15m recorded:<now")).toBeUndefined();
    expect(timeTermOf("type:A")).toBeUndefined();
    expect(withTime("occurred:>=now-1h type:A", "recorded:>=now-1d")).toBe("type:A recorded:>=now-1d");
  });

  it("knows which time the search filters on, and moves a filter to the other", () => {
    expect(timeFieldOf("type:A")).toBe("recorded");
    expect(timeFieldOf("type:A occurred:>=now-1h")).toBe("occurred");
    expect(timeFieldOf("-occurred:2026-01-01")).toBe("occurred");
    expect(timeFieldOf("(occurred:>=now-1h OR type:A)")).toBe("recorded");
    expect(onTimeField("recorded:>=now-15m", "occurred")).toBe("occurred:>=now-15m");
    expect(onTimeField("-occurred:2026-01-01", "recorded")).toBe("-recorded:2026-01-01");
    expect(utcRangeTerm("2026-01-01T00:00", "2026-01-02T00:00", "occurred")).toBe(
      "occurred:2026-01-01T00:00Z..2026-01-02T00:00Z",
    );
  });

  it("adds a term once", () => {
    expect(addTerm("", "type:A")).toBe("type:A");
    expect(addTerm(" type:A ", "-actor:bot")).toBe("type:A -actor:bot");
    expect(addTerm("type:A -actor:bot", "-actor:bot")).toBe("type:A -actor:bot");
    expect(addTerm("type:AB", "type:A")).toBe("type:AB type:A");
  });

  it("reads the range boxes as UTC, whatever the browser's zone", () => {
    expect(utcRangeTerm("2026-01-01T14:42", "2026-01-01T15:00:30")).toBe(
      "recorded:2026-01-01T14:42Z..2026-01-01T15:00:30Z",
    );
    expect(utcRangeTerm("2026-01-01T14:42+02:00", "2026-01-02T00:00Z")).toBe(
      "recorded:2026-01-01T14:42+02:00..2026-01-02T00:00Z",
    );
  });
});
