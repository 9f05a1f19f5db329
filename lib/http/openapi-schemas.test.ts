import { it } from "vitest";
import type { z } from "zod";
import type { ApiKeySummary } from "../auth/create-api-key";
import type { Health } from "../db/check-health";
import type { RecordedEvent } from "../ingest/recorded-event";
import type { IntegrityResult } from "../integrity/verify-integrity";
import type { Readiness } from "../observability/check-readiness";
import type { SearchPage } from "../query/search-events";
import type { CausationNode } from "../store/build-causation-tree";
import type { EventRecord, StoredEvent } from "../store/event-record";
import type { LinkResult } from "../store/link-events";
import type { StreamSummary } from "../store/list-streams";
import type { StreamEvent } from "../store/read-stream";
import type { CreatedSubscription } from "../subscriptions/create-subscription";
import type { SubscriptionDetail } from "../subscriptions/get-subscription";
import type { Delivery } from "../subscriptions/list-deliveries";
import type { PulledBatch } from "../subscriptions/pull-events";
import type { SubscriptionView } from "../subscriptions/subscription-view";
import type { Receipt } from "../transparency/receipt";
import type { SignedTreeHead } from "../transparency/tree-head";
import type * as E from "./openapi-event-schemas";
import type * as I from "./openapi-integrity-schemas";
import type * as S from "./openapi-subscription-schemas";

/** The same type, by assignability both ways and the same keys (optional ones included). */
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;
const same = <T extends z.ZodType, B>(_: Same<z.output<T>, B>) => {};

// The document's response schemas are written as zod next to the document, the bodies by the
// verbs' TS types: these fail to compile when one side changes without the other.
it("describes every response body exactly as the server's types declare it", () => {
  same<typeof E.Event, StoredEvent>(true);
  same<typeof E.EventRecord, EventRecord>(true);
  same<typeof E.RecordedEvent, RecordedEvent>(true);
  same<typeof E.EventPage, SearchPage>(true);
  same<typeof E.StreamSummary, StreamSummary>(true);
  same<typeof E.StreamEvent, StreamEvent>(true);
  same<typeof E.CausationNode, CausationNode>(true);
  same<typeof E.LinkResult, LinkResult>(true);
  same<typeof I.SignedTreeHead, SignedTreeHead>(true);
  same<typeof I.Receipt, Receipt>(true);
  same<typeof I.VerifyResult, IntegrityResult>(true);
  same<typeof I.ApiKey, ApiKeySummary>(true);
  same<typeof I.Health, Health>(true);
  same<typeof I.Ready, Omit<Extract<Readiness, { ready: true }>, "ready"> & { status: "ready" }>(true);
  same<typeof S.Subscription, SubscriptionView>(true);
  same<typeof S.CreatedSubscription, CreatedSubscription>(true);
  same<typeof S.SubscriptionDetail, SubscriptionDetail>(true);
  same<typeof S.PulledBatch, PulledBatch>(true);
  same<typeof S.Delivery, Delivery>(true);
});
