import type { RecordedEvent } from "../ingest/recorded-event";
import type { StoredEvent } from "../store/event-record";
import type { ExpectedVersion, NewEvent } from "../store/schemas";

/**
 * A small typed client for Trailbook's HTTP API, with no runtime dependencies beyond `fetch` (its
 * imports are types only). Other Node services in this repository can import it; elsewhere,
 * generate one from `/api/openapi.json`. Every non-2xx answer throws a TrailbookError carrying the
 * problem+json body (stable `code`, `errors[]`, `current` for version conflicts).
 */

/** What the server answers for each recorded event. */
export type { RecordedEvent };
/** An event as the read endpoints return it. */
export type EventDto = StoredEvent;
/** One event to record, as the request schema takes it. */
export type NewEventInput = NewEvent;
export type { ExpectedVersion };

export class TrailbookError extends Error {
  constructor(
    readonly status: number,
    readonly problem: {
      code?: string;
      detail?: string;
      errors?: { path: string; message: string }[];
      current?: number | null;
    } & Record<string, unknown>,
  ) {
    super(`${status} ${problem.code ?? "error"}: ${problem.detail ?? ""}`);
  }
}

export interface ClientOptions {
  baseUrl: string;
  key: string;
  fetch?: typeof fetch;
}

export class TrailbookClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** Records events atomically; `replayed` is true when all were already stored identically. */
  async record(
    events: NewEventInput[],
    options: { stream?: string; expectedVersion?: ExpectedVersion; headers?: Record<string, string> } = {},
  ): Promise<{ events: RecordedEvent[]; replayed: boolean }> {
    const response = await this.send(
      "POST",
      "/api/events",
      { stream: options.stream, expectedVersion: options.expectedVersion, events },
      options.headers,
    );
    const body = (await response.json()) as { events: RecordedEvent[] };
    return { events: body.events, replayed: response.status === 200 };
  }

  /** One page of a search (newest first unless a cursor or `after` says otherwise). */
  async search(
    params: { q?: string; cursor?: string; after?: string; direction?: "forward" | "backward"; limit?: number } = {},
  ) {
    const query = new URLSearchParams(
      Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
    );
    return (await (await this.send("GET", `/api/events?${query}`)).json()) as {
      events: EventDto[];
      next: string | null;
      prev: string | null;
    };
  }

  /** `tenant` picks among tenants holding the id, for a key of every tenant ("" for none). */
  async getEvent(id: string, tenant?: string) {
    const query = tenant === undefined ? "" : `?tenant=${encodeURIComponent(tenant)}`;
    return (await (await this.send("GET", `/api/events/${encodeURIComponent(id)}${query}`)).json()) as EventDto & {
      causedBy: { id: string; type: string } | null;
      caused: { id: string; type: string }[];
    };
  }

  /** Follows the log from `after` (exclusive), yielding every matching event once, in order, until aborted. */
  async *follow(
    options: { after?: string; q?: string; pollMs?: number; signal?: AbortSignal } = {},
  ): AsyncGenerator<EventDto> {
    let after = options.after ?? "0";
    while (!options.signal?.aborted) {
      const page = await this.search({ q: options.q, after, limit: 1000 });
      for (const event of page.events) yield event;
      after = page.events.at(-1)?.position ?? after;
      if (page.next === null) await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
    }
  }

  private async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const response = await this.fetchImpl(new URL(path, this.options.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${this.options.key}`,
        ...(body !== undefined && { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new TrailbookError(response.status, (await response.json().catch(() => ({}))) as TrailbookError["problem"]);
    return response;
  }
}
