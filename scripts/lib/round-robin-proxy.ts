/**
 * A small round-robin reverse proxy on loopback, for the tests that run several instances of the
 * app on one database (scripts/e2e-server.ts with E2E_INSTANCES): each request goes to the next
 * instance in turn, so that two requests of one journey never meet the same process's memory.
 * It says who the client is as a load balancer does (X-Forwarded-For, trusted by the app for
 * loopback: TRUST_PROXY), and answers 502 when an instance cannot be reached.
 */
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";

export type RoundRobinProxy = {
  server: Server;
  close: () => Promise<void>;
};

export async function startRoundRobinProxy(options: {
  port: number;
  host?: string;
  upstreams: string[];
}): Promise<RoundRobinProxy> {
  const upstreams = options.upstreams.map((upstream) => new URL(upstream));
  // A new connection per request: a kept-alive one may be closed by the instance (its idle
  // timeout) just as the proxy reuses it, which would be a 502 of the proxy's own making.
  const agent = new Agent({ keepAlive: false });
  let next = 0;

  function forward(req: IncomingMessage, res: ServerResponse) {
    const index = next;
    next = (next + 1) % upstreams.length;
    const target = upstreams[index] as URL;
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress]
      .filter(Boolean)
      .join(", ");
    const upstream = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-for": forwardedFor },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      // Closed once its answer was complete (an instance that did not read a refused body): done.
      if (res.writableEnded) return;
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" }).end("502\n");
    });
    // The body is read whole before it is sent on, as nginx does by default: an instance that
    // answers before reading it (413) and closes leaves the client's connection clean.
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => upstream.end(Buffer.concat(chunks)));
    req.on("aborted", () => upstream.destroy());
  }

  const server = createServer(forward);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
