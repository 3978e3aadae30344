import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { deferScriptTags } from "~/server/deferred-scripts.server";
import { log } from "~/server/log.server";
import { NonceProvider } from "~/ui/nonce";

const ABORT_DELAY = 5_000;

export const streamTimeout = ABORT_DELAY;

/**
 * The whole document, rendered then sent at once with its length. Pages have no Suspense boundary
 * of their own (Remix's single fetch streams the loaders' data inside one, resolved by the time the
 * page renders): streaming would send the same bytes in React's 2 kB pieces, each a write of its
 * own to the socket, for nothing earlier on the screen; at once, the server does about a tenth
 * less work per page (decision 046), and a failure anywhere in the render still sets the status.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce || undefined;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const document = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    document.on("finish", () => {
      const html = Buffer.concat(chunks).toString("utf8");
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      // The page's scripts wait for its first paint (decision 041); development keeps Remix's
      // tags as they are (React's development build would warn about the changed attributes).
      const body = process.env.NODE_ENV === "production" ? deferScriptTags(html) : html;
      resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
    });
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
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(document);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // The page cache must not keep it.
          loadContext.renderFailed = true;
          // Errors in the shell go to the error boundary (and are logged by handleError).
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
