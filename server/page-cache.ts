/**
 * A few seconds of memory for the public pages an anonymous visitor asks for (the home page, the
 * simulator's empty form, the legal pages): the same HTML for everyone, rendered once per period
 * instead of once per request (decision 029). What differs from one response to the next, the CSP
 * nonce and the request id, is replaced in the kept copy by the current request's.
 *
 * Only a GET of a listed path, without query string, cookie or Authorization header, is answered
 * from memory; only a 200 HTML response that sets no cookie is kept. Everything else goes to Remix
 * as before. Each instance keeps its own copies: nothing is shared, nothing outlives the period.
 */
import type { Request } from "express";

/** The pages kept: public, the same for every anonymous visitor. */
export const PUBLIC_PAGES: ReadonlySet<string> = new Set([
  "/",
  "/simulateur",
  "/connexion",
  "/accessibilite",
  "/plan-du-site",
  "/aide",
  "/mentions-legales",
  "/donnees-personnelles",
  "/bureau/connexion",
]);

/** A kept response: its body cut where the per-request values were. */
type Entry = {
  status: number;
  headers: [string, string][];
  /** Alternately text and the index of a per-request value (0: nonce, 1: request id). */
  parts: (string | number)[];
  expires: number;
};

/** The values that differ between two anonymous responses of the same page. */
export type PerRequest = { nonce: string; requestId: string };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #paths: ReadonlySet<string>;

  constructor({
    ttlMs,
    paths = PUBLIC_PAGES,
    now = Date.now,
  }: {
    ttlMs: number;
    paths?: ReadonlySet<string>;
    now?: () => number;
  }) {
    this.#ttlMs = ttlMs;
    this.#paths = paths;
    this.#now = now;
  }

  /** The key of a request that may be answered from memory, or null. */
  keyOf(req: Pick<Request, "method" | "path" | "originalUrl" | "headers">): string | null {
    if (this.#ttlMs <= 0 || req.method !== "GET") return null;
    if (req.originalUrl !== req.path || !this.#paths.has(req.path)) return null;
    if (req.headers.cookie || req.headers.authorization) return null;
    return req.path;
  }

  /** The kept response of `key`, with this request's values, or null. */
  get(
    key: string,
    values: PerRequest,
  ): { status: number; headers: [string, string][]; body: string } | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return null;
    }
    const byIndex = [values.nonce, values.requestId];
    const body = entry.parts
      .map((part) => (typeof part === "number" ? byIndex[part] : part))
      .join("");
    return { status: entry.status, headers: entry.headers, body };
  }

  /** Whether a response may be kept: a complete HTML page, the same for every anonymous visitor. */
  static storable(response: Response): boolean {
    return (
      response.status === 200 &&
      !response.headers.has("Set-Cookie") &&
      (response.headers.get("Content-Type") ?? "").startsWith("text/html") &&
      response.body !== null
    );
  }

  /** Keeps a response's body, rendered with `values`, for the period. */
  set(key: string, response: Response, body: string, values: PerRequest) {
    const tokens = [values.nonce, values.requestId];
    // Empty values cannot be told apart from the text: such a response is not kept.
    if (tokens.some((token) => token.length < 8)) return;
    const pattern = new RegExp(`(${tokens.map(escapeRegExp).join("|")})`);
    const parts = body
      .split(pattern)
      .map((piece, index) => (index % 2 === 1 ? tokens.indexOf(piece) : piece));
    this.#entries.set(key, {
      status: response.status,
      headers: [...response.headers.entries()],
      parts,
      expires: this.#now() + this.#ttlMs,
    });
  }
}
