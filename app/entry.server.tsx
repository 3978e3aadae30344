import { PassThrough } from "node:stream";
import {
  type AppLoadContext,
  createReadableStreamFromReadable,
  type EntryContext,
} from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { deferScripts } from "~/server/deferred-scripts.server";
import { log } from "~/server/log.server";
import { NonceProvider } from "~/ui/nonce";

const ABORT_DELAY = 5_000;

export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce || undefined;
  // Bots and browsers without JavaScript get the whole document at once.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          // The page's scripts wait for its first paint (decision 041); development keeps Remix's
          // tags as they are (React's development build would warn about the changed attributes).
          const body = process.env.NODE_ENV === "production" ? deferScripts() : new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Too late for the status once the shell went out: the page cache must not keep it.
          loadContext.renderFailed = true;
          // Errors while streaming are logged here; errors before the shell go to the boundary.
          if (shellRendered) log().error({ err: error }, "erreur pendant le rendu");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Errors of loaders and actions, logged once, without personal data (app/server/log.server.ts);
 * requests the client abandoned are not errors.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Refusals answered with their status (a 405 on a route without action, a 404…) are not errors
  // of the service.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  log().error({ err: error }, "erreur du serveur");
}
