/**
 * Remix behind Express, with backpressure. @remix-run/express writes a response body without
 * waiting for the client (`writeReadableStreamToWritable` ignores `write()`'s answer) and never
 * cancels it when the client goes away: a large streamed download (the queue's CSV export) would
 * pile up in memory at the speed of the database. Here the body goes through `stream.pipeline`: it
 * is read as fast as the client takes it, and cancelled (the stream's `cancel()` runs) when the
 * client disconnects.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import {
  type AppLoadContext,
  createReadableStreamFromReadable,
  createRequestHandler as createRemixHandler,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";

/**
 * The Fetch request of an Express request, as @remix-run/express builds it (it does not export it):
 * the URL with the host and port the client used, the headers, the body, and a signal aborted when
 * the client goes away before the response is complete.
 */
function remixRequest(req: Request, res: Response): globalThis.Request {
  const port = (header: string | undefined) => Number.parseInt(header?.split(":")[1] ?? "", 10);
  const forwarded = port(req.get("X-Forwarded-Host"));
  const direct = port(req.get("host"));
  const chosen = Number.isSafeInteger(forwarded)
    ? forwarded
    : Number.isSafeInteger(direct)
      ? direct
      : null;
  // req.hostname respects the "trust proxy" setting; originalUrl keeps the whole path.
  const url = new URL(
    `${req.protocol}://${req.hostname}${chosen ? `:${chosen}` : ""}${req.originalUrl}`,
  );
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  const controller = new AbortController();
  let finished = false;
  res.on("finish", () => {
    finished = true;
  });
  res.on("close", () => {
    if (!finished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers,
    signal: controller.signal,
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    // A form already read (and bounded) by the guards, else the body as it comes.
    if (Buffer.isBuffer(req.body)) {
      init.body = new Uint8Array(req.body);
    } else {
      init.body = createReadableStreamFromReadable(req);
      init.duplex = "half";
    }
  }
  return new globalThis.Request(url.href, init);
}

/**
 * Writes a response body as fast as the client reads it, and cancels it when the client goes away
 * (tests/integration/export-memory.test.ts measures the memory it keeps flat).
 */
export async function writeBody(
  body: ReadableStream<Uint8Array>,
  res: NodeJS.WritableStream,
): Promise<void> {
  await pipeline(Readable.fromWeb(body as unknown as NodeReadableStream), res).catch(
    (error: NodeJS.ErrnoException) => {
      // The client went away: the body was cancelled, nothing else to do.
      if (error.code !== "ERR_STREAM_PREMATURE_CLOSE") throw error;
    },
  );
}

export function createRequestHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild;
  mode?: string;
  getLoadContext?: (req: Request, res: Response) => AppLoadContext;
}) {
  const handleRequest = createRemixHandler(build, mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const response = await handleRequest(remixRequest(req, res), getLoadContext?.(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      // Pages and data are personal or may become so: never kept by the browser or a proxy,
      // unless the route says otherwise (Back after logout shows nothing).
      if (!response.headers.has("Cache-Control")) res.setHeader("Cache-Control", "no-store");
      if (!response.body) {
        res.end();
        return;
      }
      await writeBody(response.body, res);
    } catch (error) {
      next(error);
    }
  };
}
