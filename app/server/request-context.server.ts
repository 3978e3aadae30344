/**
 * What the server knows about the request it is serving, wherever the code runs: its id (on every
 * log line, app/server/log.server.ts) and the time spent waiting for other services (FranceConnect,
 * ProConnect, the DGFiP), so that the server's own time can be told apart from theirs (the
 * `Server-Timing` header, docs/performance.md).
 */
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Wall time during which at least one call to another service was in flight: two calls in
 * parallel count once.
 */
export class UpstreamClock {
  constructor(private readonly now: () => number = () => performance.now()) {}

  private inFlight = 0;
  private since = 0;
  private total = 0;
  calls = 0;

  start() {
    this.calls += 1;
    if (this.inFlight++ === 0) this.since = this.now();
  }

  end() {
    if (--this.inFlight === 0) this.total += this.now() - this.since;
  }

  /** Milliseconds so far, including the calls still in flight. */
  elapsedMs(): number {
    return this.total + (this.inFlight > 0 ? this.now() - this.since : 0);
  }
}

type RequestContext = { requestId: string; upstream: UpstreamClock };

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` as part of the request `requestId`. */
export function withRequestContext<T>(
  requestId: string,
  fn: () => T,
  upstream = new UpstreamClock(),
): T {
  return storage.run({ requestId, upstream }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * `fetch` for calls to other services: the time until their answer's headers counts as theirs in
 * the request being served (the bodies they send are small).
 */
export async function upstreamFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const clock = storage.getStore()?.upstream;
  clock?.start();
  try {
    return await fetch(input, init);
  } finally {
    clock?.end();
  }
}
