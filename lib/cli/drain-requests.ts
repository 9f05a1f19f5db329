import type http from "node:http";

export interface RequestTracker {
  /** Requests whose response has not closed yet. */
  readonly inFlight: number;
  /**
   * Stops keeping connections alive and resolves once no request is in flight (true), or when
   * `deadline` settles first (false: the requests left are still running).
   */
  drain(deadline: Promise<void>): Promise<boolean>;
}

/**
 * Counts `server`'s requests from arrival until their response closes (sent, or the connection
 * gone), so a stopping server knows when every request that reached it has had its answer. While
 * draining, every answer not yet started says `Connection: close` and each connection is closed
 * as soon as it idles, so keep-alive clients reconnect (and are refused) instead of sending more.
 */
export function trackRequests(server: http.Server): RequestTracker {
  const open = new Set<http.ServerResponse>();
  let draining = false;
  let drained: () => void = () => {};
  server.on("request", (_request: http.IncomingMessage, response: http.ServerResponse) => {
    open.add(response);
    if (draining) response.shouldKeepAlive = false;
    response.once("close", () => {
      open.delete(response);
      if (!draining) return;
      server.closeIdleConnections();
      if (open.size === 0) drained();
    });
  });
  return {
    get inFlight() {
      return open.size;
    },
    async drain(deadline) {
      draining = true;
      for (const response of open) if (!response.headersSent) response.shouldKeepAlive = false;
      server.closeIdleConnections();
      if (open.size === 0) return true;
      const done = new Promise<true>((resolve) => {
        drained = () => resolve(true);
      });
      return Promise.race([done, deadline.then(() => false)]);
    },
  };
}
