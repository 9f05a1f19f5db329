import { describe, expectTypeOf, it } from "vitest";
import { searchEvents } from "../query/search-events";
import { countOverTime } from "./count-over-time";
import { getEvent } from "./get-event";
import { getEventDetail } from "./get-event-detail";
import { linkEvents } from "./link-events";
import { listStreams } from "./list-streams";
import { listTypes } from "./list-types";
import { readCause, readCaused } from "./read-causation";
import { readCorrelation } from "./read-correlation";
import type { ReadEventsOptions } from "./read-events";
import { readStream } from "./read-stream";
import { readWholeCorrelation } from "./read-whole-correlation";
import type { TenantScope } from "./tenant-scope";

// Checked by `npm run typecheck`: if a verb's scope became optional (or defaulted), its parameter
// type would widen to `TenantScope | undefined` and these lines would stop compiling.
describe("every read verb", () => {
  it("requires a tenant scope: forgetting it cannot silently read every tenant", () => {
    expectTypeOf(getEvent).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(getEventDetail).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(readCause).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(readCaused).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(readCorrelation).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(readWholeCorrelation).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(readStream).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(listStreams).parameter(1).toEqualTypeOf<TenantScope>();
    expectTypeOf(listTypes).parameter(1).toEqualTypeOf<TenantScope>();
    expectTypeOf(linkEvents).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(searchEvents).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf<ReadEventsOptions["scope"]>().toEqualTypeOf<TenantScope>();
    expectTypeOf(countOverTime).parameter(1).toHaveProperty("scope").toEqualTypeOf<TenantScope>();
  });
});
