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
import { PageCache } from "./page-cache";

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

/** A response's status and headers, on the Express response. */
function writeHead(res: Response, status: number, headers: Iterable<[string, string]>) {
  res.status(status);
  let cacheControl = false;
  for (const [key, value] of headers) {
    res.append(key, value);
    if (key.toLowerCase() === "cache-control") cacheControl = true;
  }
  // Pages and data are personal or may become so: never kept by the browser or a proxy, unless
  // the route says otherwise (Back after logout shows nothing).
  if (!cacheControl) res.setHeader("Cache-Control", "no-store");
}

export function createRequestHandler({
  build,
  mode,
  getLoadContext,
  pageCache,
}: {
  build: ServerBuild;
  mode?: string;
  getLoadContext?: (req: Request, res: Response) => AppLoadContext;
  /** Public pages answered from memory for a few seconds (server/page-cache.ts). */
  pageCache?: PageCache;
}) {
  const handleRequest = createRemixHandler(build, mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const context = getLoadContext?.(req, res);
      const key = pageCache?.keyOf(req) ?? null;
      const values = {
        nonce: String(context?.cspNonce ?? ""),
        requestId: String(context?.requestId ?? ""),
      };
      const kept = key ? pageCache?.get(key, values) : null;
      if (kept) {
        writeHead(res, kept.status, kept.headers);
        res.end(kept.body);
        return;
      }
      const response = await handleRequest(remixRequest(req, res), context);
      res.statusMessage = response.statusText;
      writeHead(res, response.status, response.headers.entries());
      if (key && PageCache.storable(response)) {
        const body = await response.text();
        // The whole page was rendered by now: kept only if nothing failed while it streamed.
        if (!context?.renderFailed) pageCache?.set(key, response, body, values);
        res.end(body);
        return;
      }
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
