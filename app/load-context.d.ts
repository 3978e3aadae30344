/** What the HTTP server passes to every loader, action and to entry.server (server/index.ts). */
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The Content-Security-Policy nonce of this response (server/http-guards.ts). */
    cspNonce?: string;
    /** The id of this request, on its log lines and its error pages (server/http-guards.ts). */
    requestId?: string;
    /** Set by entry.server when rendering failed after the response began: not to be kept. */
    renderFailed?: boolean;
  }
}
