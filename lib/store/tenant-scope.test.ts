import { describe, expectTypeOf, it } from "vitest";
import { getReceipt } from "../integrity/get-receipt";
import { facetSearch } from "../query/facet-search";
import { histogramSearch } from "../query/histogram-search";
import { scanWindows } from "../query/scan-windows";
import { searchEvents } from "../query/search-events";
import { suggestFieldValues } from "../query/suggest-field-values";
import { countEventsAfter } from "./count-events-after";
import { countFacets } from "./count-facets";
import { countOverTime } from "./count-over-time";
import { getEvent } from "./get-event";
import { getEventDetail } from "./get-event-detail";
import { linkEvents } from "./link-events";
import { listStreamCategories } from "./list-stream-categories";
import { listStreamPrefixes } from "./list-stream-prefixes";
import { listStreams } from "./list-streams";
import { listTypes } from "./list-types";
import { listValuesStartingWith } from "./list-values-starting-with";
import { readCause, readCaused } from "./read-causation";
import { readCorrelation } from "./read-correlation";
import type { ReadEventsOptions } from "./read-events";
import { readPreviousInStreams } from "./read-previous-in-streams";
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
    expectTypeOf(countFacets).parameter(1).toHaveProperty("scope").toEqualTypeOf<TenantScope>();
    expectTypeOf(countEventsAfter).parameter(1).toHaveProperty("scope").toEqualTypeOf<TenantScope>();
    expectTypeOf(listStreamCategories).parameter(1).toEqualTypeOf<TenantScope>();
    expectTypeOf(readPreviousInStreams).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(facetSearch).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(histogramSearch).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(scanWindows).parameter(1).toHaveProperty("scope").toEqualTypeOf<TenantScope>();
    expectTypeOf(getReceipt).parameter(2).toEqualTypeOf<TenantScope>();
    expectTypeOf(listValuesStartingWith).parameter(1).toEqualTypeOf<TenantScope>();
    expectTypeOf(listStreamPrefixes).parameter(1).toEqualTypeOf<TenantScope>();
    expectTypeOf(suggestFieldValues).parameter(1).toEqualTypeOf<TenantScope>();
  });
});
