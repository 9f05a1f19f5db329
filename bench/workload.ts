import { DemoFlows } from "../lib/seed/demo-flows";
import { SeededRandom } from "../lib/seed/random";
import type { NewEvent } from "../lib/store/schemas";

/** Realistic events (the demo dataset's shapes) without ids, causes or links: plain appends. */
export function makeEvents(count: number, seed = 7): NewEvent[] {
  const start = Date.parse("2026-09-01T00:00:00Z");
  const flows = new DemoFlows(new SeededRandom(seed), (n) => start + n * 1000);
  const clock = { at: 0 };
  const events: NewEvent[] = [];
  while (events.length < count) {
    for (const { id: _id, causationId: _cause, links: _links, ...event } of flows.next(clock)) events.push(event);
  }
  return events.slice(0, count);
}

export function chunk<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
