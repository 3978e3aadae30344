import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpstreamClock, upstreamFetch, withRequestContext } from "~/server/request-context.server";

describe("the time spent waiting for other services", () => {
  it("counts the time while at least one call is in flight: two calls in parallel once", () => {
    let now = 0;
    const clock = new UpstreamClock(() => now);
    clock.start(); // a call at 0…
    now = 60;
    clock.end(); // …answered at 60
    now = 100; // own work
    clock.start(); // two calls at 100…
    clock.start();
    now = 130;
    clock.end();
    now = 180;
    expect(clock.elapsedMs()).toBe(140); // one still in flight: counted so far
    clock.end(); // …the last answered at 180
    now = 500;
    expect(clock.calls).toBe(3);
    expect(clock.elapsedMs()).toBe(140);
  });
});

describe("calls to other services", () => {
  let service: Server;
  let url = "";
  beforeAll(async () => {
    service = createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
    const address = service.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
  });
  afterAll(() => new Promise<void>((resolve) => service.close(() => resolve())));

  it("are counted in the request being served", async () => {
    const clock = new UpstreamClock();
    await withRequestContext(
      "req-1",
      async () => {
        await upstreamFetch(url).then((response) => response.text());
        await Promise.all([upstreamFetch(url), upstreamFetch(url)]);
      },
      clock,
    );
    expect(clock.calls).toBe(3);
    expect(clock.elapsedMs()).toBeGreaterThan(0);
  });

  it("and nowhere outside a request", async () => {
    const clock = new UpstreamClock();
    await withRequestContext("req-2", () => Promise.resolve(), clock);
    await upstreamFetch(url);
    expect(clock.calls).toBe(0);
  });
});
