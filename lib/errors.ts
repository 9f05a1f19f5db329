/**
 * The one error vocabulary. Every failure a caller can act on is an AppError with a stable `code`;
 * lib/http maps codes to HTTP statuses. Anything else is a bug and must never reach a client as detail.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
}

export interface Issue {
  /** Dotted path into the input, e.g. `events.3.data.items.0`. Empty for the whole input. */
  path: string;
  message: string;
}

export class ValidationError extends AppError {
  readonly code = "validation_failed";
  constructor(readonly issues: Issue[]) {
    super(issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join("; "));
  }
}

export class WrongExpectedVersion extends AppError {
  readonly code = "wrong_expected_version";
  constructor(
    readonly stream: string,
    readonly expected: string | number,
    /** The stream's last version, or null when the stream does not exist. */
    readonly current: number | null,
  ) {
    super(`Stream ${stream} is at version ${current ?? "none"}, expected ${expected}`);
  }
}

export class EventIdConflict extends AppError {
  readonly code = "event_id_conflict";
  constructor(readonly ids: string[]) {
    super(`Event id already stored with different content, or outside this batch: ${ids.join(", ")}`);
  }
}

/**
 * An id that events of more than one tenant hold, asked for by a reader of every tenant without
 * naming one (ids are unique per tenant). `tenants` lists them (null: events without a tenant).
 */
export class AmbiguousEventId extends AppError {
  readonly code = "ambiguous_event_id";
  constructor(
    readonly id: string,
    readonly tenants: (string | null)[],
  ) {
    super(`${tenants.length} events have the id ${id}, one per tenant: name the tenant with ?tenant= ("" for none)`);
  }
}

export class NotFound extends AppError {
  readonly code = "not_found";
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export class EventAlreadyInStream extends AppError {
  readonly code = "event_already_in_stream";
  constructor(
    readonly stream: string,
    readonly ids: string[],
  ) {
    super(`Already in stream ${stream}: ${ids.join(", ")}`);
  }
}

export class Unauthorized extends AppError {
  readonly code = "unauthorized";
  constructor(message = "A valid API key is required: send `Authorization: Bearer <key>`.") {
    super(message);
  }
}

export class Forbidden extends AppError {
  readonly code = "forbidden";
}

export class MalformedJson extends AppError {
  readonly code = "malformed_json";
}

export class PayloadTooLarge extends AppError {
  readonly code = "payload_too_large";
}

export class UnsupportedMediaType extends AppError {
  readonly code = "unsupported_media_type";
}

export class InvalidQuery extends AppError {
  readonly code = "invalid_query";
  constructor(
    message: string,
    /** 0-based character offset in the query where the problem starts. */
    readonly position: number,
  ) {
    super(`${message} (at character ${position + 1})`);
  }
}

export class RateLimited extends AppError {
  readonly code = "rate_limited";
  constructor(
    /** Whole seconds until the next request would be admitted (the Retry-After header). */
    readonly retryAfter: number,
    message = `Too many requests for this key; retry in ${retryAfter} s.`,
  ) {
    super(message);
  }
}

/** The key already runs as many requests of this kind as one process allows at once (429). */
export class ConcurrencyLimited extends AppError {
  readonly code = "too_many_concurrent";
  constructor(
    readonly kind: string,
    readonly limit: number,
    /** Whole seconds to wait before trying again (the Retry-After header). */
    readonly retryAfter = 1,
  ) {
    super(
      limit === 1 && kind === "verify"
        ? "A verification is already running on this server; retry when it has finished."
        : `This key already has ${limit} ${kind} request${limit === 1 ? "" : "s"} running; retry when one ends.`,
    );
  }
}

/** A subscription of that name already exists for the tenant (409). */
export class SubscriptionExists extends AppError {
  readonly code = "subscription_exists";
  constructor(name: string) {
    super(`A subscription named ${name} already exists`);
  }
}

/** An ack names a lease that is not (or no longer) the subscription's: the batch may be redelivered (409). */
export class LeaseNotHeld extends AppError {
  readonly code = "lease_not_held";
  constructor() {
    super("This lease has expired or was never held; fetch the events again (they are redelivered).");
  }
}

/**
 * A receipt asked for in a tree size (`?treeSize=`) that no signed tree head has (422): only a
 * signed head makes the proof checkable offline. `treeSizes`: the nearest signed sizes that hold
 * the event, below and above.
 */
export class NoTreeHeadAtSize extends AppError {
  readonly code = "no_tree_head_at_size";
  constructor(
    treeSize: number,
    readonly treeSizes: string[],
  ) {
    super(
      `No signed tree head has size ${treeSize}` +
        (treeSizes.length > 0 ? `; the nearest that hold the event: ${treeSizes.join(" and ")}` : "") +
        " (GET /api/checkpoints lists the heads)",
    );
  }
}

/** A receipt asked for in a tree size too small to hold the event (422): the size must be at least its position. */
export class TreeSizeBeforeEvent extends AppError {
  readonly code = "tree_size_before_event";
  constructor(treeSize: number, position: string) {
    super(`The tree of ${treeSize} events does not hold the event at position ${position}: ask for at least that size`);
  }
}
