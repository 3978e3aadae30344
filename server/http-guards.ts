/**
 * What every HTTP request meets before the application (docs/decisions/022, docs/securite.md):
 * security headers (a Content-Security-Policy with a nonce per request, no framing, no sniffing,
 * HSTS over https; the scripts, stylesheets and fonts only those a file reads), then the requests
 * the application never has to see are answered here with a French page: a method it does not use
 * (405), a NUL byte or a malformed escape in the address (400), Remix's legacy data request or a
 * data request for a file (400), a form posted from another site (403), a body of another type
 * than a form (415) or larger than a form can be (413).
 */
import { randomBytes, randomUUID } from "node:crypto";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import helmet from "helmet";
import { DSFR_STYLESHEET } from "~/generated/dsfr-css";
import { isAgentDownload } from "~/server/agent/downloads.server";
import { clean, log } from "~/server/log.server";
import { UpstreamClock, withRequestContext } from "~/server/request-context.server";
import { routedPath } from "~/server/routed-path.server";

export type GuardOptions = {
  /** The service's public address (APP_URL): the only origin allowed to post forms. */
  appUrl: string;
  /** Served over https (APP_URL): HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** `remix dev`: its live reload connects over WebSocket. */
  development: boolean;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** Origins of images shown besides the service's own (« Je donne mon avis »'s button). */
  imageOrigins?: string[];
};

/** The CSP nonce of the response, for the document's scripts (read by getLoadContext). */
export function cspNonce(res: { locals: Record<string, unknown> }): string {
  return String(res.locals.cspNonce ?? "");
}

const ALLOWED_METHODS = ["GET", "HEAD", "POST"];
const FORM_TYPES = ["application/x-www-form-urlencoded"];

/** The files of the service: a path named like a file, a download, a citizen's PDF. */
const isFile = (routed: string) =>
  /\.[a-z0-9]+$/.test(routed) ||
  isAgentDownload(routed) ||
  /^\/mes-demandes\/[^/]+\/(decision|recepisse)$/.test(routed);
const DOWNLOAD_FROM_ELSEWHERE =
  "Ce téléchargement a été demandé depuis un autre site : par sécurité, il n'a pas eu lieu. Téléchargez le fichier depuis les pages de l'espace des agents.";

/** A request that the browser says another site started (a link, a form, a script). */
function crossSite(req: express.Request): boolean {
  const site = req.get("Sec-Fetch-Site");
  return site === "cross-site" || site === "same-site";
}

/**
 * The files a page loads (scripts, stylesheets, fonts), served as they are from the build and the
 * DSFR's folder: never a document, so the headers that only a document reads (its CSP, framing,
 * opener, permissions…) would be bytes for nothing, about 600 on each of the 40 files of a first
 * visit. They keep what protects a file itself: no sniffing of its type, no loading from another
 * site, HSTS. An SVG or any other file there keeps a document's headers: opened on its own, it is
 * one.
 */
const SUBRESOURCE = /^\/(?:build|dsfr)\/.+\.(?:js|css|woff2?)$/;

/** Whether a request asks for one of those files (the path, before any query string). */
export const isSubresource = (path: string) => SUBRESOURCE.test(path);

/**
 * Past the static files. The handler of compressed copies sets `Content-Encoding` before it finds
 * that it will not answer (a POST, a copy missing): removed here, or the next answer would claim a
 * compression it does not have. Then a request for a subresource that no file answered (another
 * method, a name that does not exist) ends here, in plain text, never stored (the file may exist on
 * another instance during a deployment): the application would answer with a page, a document
 * without its document's headers. The same test as `securityHeaders`, mounted at the same place.
 */
export const pastStaticFiles: RequestHandler = (req, res, next) => {
  res.removeHeader("Content-Encoding");
  if (!isSubresource(req.path)) return next();
  res.setHeader("Cache-Control", "no-store");
  res.status(404).type("text/plain").send("Fichier introuvable.");
};

export function securityHeaders(options: GuardOptions): RequestHandler[] {
  const strictTransportSecurity = options.https
    ? { maxAge: 2 * 365 * 24 * 3600, includeSubDomains: true }
    : (false as const);
  const forDocuments =
    (handler: RequestHandler): RequestHandler =>
    (req, res, next) =>
      isSubresource(req.path) ? next() : handler(req, res, next);
  const subresourceHeaders = helmet({
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: "same-origin" },
    originAgentCluster: false,
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity,
    xContentTypeOptions: true,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  return [
    (req, res, next) => (isSubresource(req.path) ? subresourceHeaders(req, res, next) : next()),
    forDocuments((_req, res, next) => {
      res.locals.cspNonce = randomBytes(18).toString("base64");
      next();
    }),
    forDocuments(
      helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            "default-src": ["'self'"],
            "script-src": [
              "'self'",
              (_req, res) =>
                `'nonce-${cspNonce(res as unknown as { locals: Record<string, unknown> })}'`,
            ],
            // The DSFR and React set style attributes; styles cannot run code.
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": ["'self'", "data:", ...(options.imageOrigins ?? [])],
            "font-src": ["'self'"],
            // Development's live reload speaks WebSocket.
            "connect-src": options.development ? ["'self'", "ws:"] : ["'self'"],
            "frame-ancestors": ["'none'"],
            "base-uri": ["'none'"],
            "object-src": ["'none'"],
            "manifest-src": ["'self'"],
            ...(options.https ? { "upgrade-insecure-requests": [] } : {}),
          },
        },
        strictTransportSecurity,
        referrerPolicy: { policy: "same-origin" },
        xFrameOptions: { action: "deny" },
        crossOriginEmbedderPolicy: false,
        crossOriginResourcePolicy: { policy: "same-origin" },
      }),
    ),
    forDocuments((_req, res, next) => {
      res.setHeader(
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
      );
      next();
    }),
  ];
}

/** A NUL byte (raw or escaped) or an escape that does not decode. */
function unreadable(text: string): boolean {
  if (text.includes("\0") || /%00/i.test(text)) return true;
  try {
    decodeURIComponent(text);
    return false;
  } catch {
    return true;
  }
}

const PAGES = {
  400: [
    "Requête incorrecte",
    "L'adresse ou le formulaire envoyé contient des caractères que le service ne peut pas lire.",
  ],
  403: [
    "Action refusée",
    "Ce formulaire a été envoyé depuis un autre site : par sécurité, il n'a pas été pris en compte. Recommencez depuis les pages du service.",
  ],
  405: ["Méthode non prise en charge", "Le service ne répond pas à ce type de requête."],
  413: [
    "Envoi trop volumineux",
    "Le formulaire envoyé est trop volumineux. Raccourcissez les textes saisis puis recommencez.",
  ],
  415: [
    "Format non pris en charge",
    "Le service n'accepte que les formulaires de ses propres pages.",
  ],
  429: [
    "Trop de demandes en peu de temps",
    "Par sécurité, le service limite le nombre d'envois. Rien n'est perdu : réessayez dans quelques minutes.",
  ],
  500: [
    "Erreur du service",
    "Une erreur inattendue est survenue. Réessayez dans quelques instants.",
  ],
} as const satisfies Record<number, readonly [string, string]>;

export type GuardStatus = keyof typeof PAGES;

/**
 * A short French page, with the DSFR's styles, for what is answered before the application runs:
 * what happened, what to do, where to go (fixed texts: nothing of the request is echoed).
 */
export function guardPage(status: GuardStatus, requestId = "", lead?: string): string {
  const [title, standard] = PAGES[status];
  const message = lead ?? standard;
  return `<!doctype html>
<html lang="fr" data-fr-scheme="light"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - Aide juridictionnelle</title>
<link rel="stylesheet" href="${DSFR_STYLESHEET}"></head>
<body><main id="contenu" class="fr-container fr-my-8w">
<h1>${title}</h1>
<p class="fr-text--lead">${message}</p>
<p>Code d'erreur : ${status}${requestId ? ` · référence : ${requestId}` : ""}</p>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn" href="/">Revenir à l'accueil</a></li>
<li><a class="fr-btn fr-btn--secondary" href="/aide">Aide et contact</a></li>
<li><a class="fr-btn fr-btn--tertiary" href="/plan-du-site">Plan du site</a></li>
</ul></main></body></html>`;
}

/** Answers `status` with its French page (`lead`: a more precise sentence than the standard one). */
export function refuse(res: express.Response, status: GuardStatus, lead?: string) {
  res.status(status);
  res.setHeader("Cache-Control", "no-store");
  // A failure while serving a script, stylesheet or font: the page has only a file's headers.
  // It runs no script and links only the stylesheet: a policy of its own, and no framing.
  if (!res.getHeader("Content-Security-Policy")) {
    res.setHeader(
      "Content-Security-Policy",
      "default-src 'none';style-src 'self';font-src 'self';img-src 'self' data:;frame-ancestors 'none';base-uri 'none';form-action 'none'",
    );
    res.setHeader("X-Frame-Options", "DENY");
  }
  if (status === 405) res.setHeader("Allow", ALLOWED_METHODS.join(", "));
  res.type("html").send(guardPage(status, requestIdOf(res), lead));
}

/**
 * `early`: what needs only the method, the address and the headers; `body`: the form read (bounded)
 * and checked. Mount the rate limits between the two, so that a client over its limit is refused
 * before its body is read.
 */
export function requestGuards(options: GuardOptions): {
  early: RequestHandler[];
  body: (RequestHandler | ErrorRequestHandler)[];
} {
  const appOrigin = new URL(options.appUrl).origin;
  const readForm = express.raw({ type: FORM_TYPES, limit: options.maxBodyBytes });
  const refuseEarly: RequestHandler = (req, res, next) => {
    if (!ALLOWED_METHODS.includes(req.method)) return refuse(res, 405);
    if (unreadable(req.originalUrl)) return refuse(res, 400);
    // Remix's former data requests (`?_data=`): the pages use single fetch's `.data` addresses;
    // Remix still answers the old form, with server errors in the log for anyone who asks.
    const query = req.originalUrl.indexOf("?");
    if (query >= 0 && new URLSearchParams(req.originalUrl.slice(query + 1)).has("_data")) {
      return refuse(res, 400);
    }
    // Both checks below see the path as Remix routes it: any path ending in `.data` is a data
    // request, and trailing slashes and case do not change the route.
    const address = query >= 0 ? req.originalUrl.slice(0, query) : req.originalUrl;
    const routed = routedPath(address);
    // A data request for a file (`/bureau/export.csv.data`, a PDF's): Remix would run its loader,
    // then read the whole file in memory to encode it again, where the file itself streams.
    // Refused (400); a form's, after the check of its origin.
    const fileData = /\.data$/i.test(decodeURIComponent(address)) && isFile(routed);
    if (req.method !== "POST") {
      if (fileData) return refuse(res, 400);
      // A download of the back-office opened from another site: a link there would save personal
      // data on the agent's computer, and trace an export in their name.
      if (isAgentDownload(routed) && crossSite(req)) {
        return refuse(res, 403, DOWNLOAD_FROM_ELSEWHERE);
      }
      return next();
    }
    // A form posted from another site (cross-site request forgery, framing): browsers name the
    // origin of every POST; older ones at least say whether it is another site.
    const origin = req.get("Origin");
    const site = req.get("Sec-Fetch-Site");
    if (
      (origin && origin !== appOrigin) ||
      (!origin && site && site !== "same-origin" && site !== "none")
    ) {
      return refuse(res, 403);
    }
    if (fileData) return refuse(res, 400);
    const length = Number(req.get("Content-Length") ?? 0);
    if (length > options.maxBodyBytes) return refuse(res, 413);
    const hasBody = length > 0 || req.get("Transfer-Encoding") !== undefined;
    if (hasBody && !req.is(FORM_TYPES)) return refuse(res, 415);
    next();
  };
  const refuseUnreadableForm: RequestHandler = (req, res, next) => {
    if (
      Buffer.isBuffer(req.body) &&
      (req.body.includes(0) || unreadable(req.body.toString("latin1")))
    ) {
      return refuse(res, 400);
    }
    next();
  };
  // Bodies refused by the reader: too large (413), undecodable (400).
  const refuseUnreadBody: ErrorRequestHandler = (error, _req, res, next) => {
    const status = (error as { status?: number }).status;
    if (status === 413 || status === 400 || status === 415) return refuse(res, status);
    next(error);
  };
  return { early: [refuseEarly], body: [readForm, refuseUnreadableForm, refuseUnreadBody] };
}

/** The last handler: an error nobody answered is a French 500 page, its details in the log. */
export const finalErrorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  log().error({ err: error }, "erreur non traitée");
  if (res.headersSent) {
    res.end();
    return;
  }
  refuse(res, 500);
};

/**
 * Every request gets an id: in the `X-Request-Id` header, on every log line written while serving it
 * (app/server/log.server.ts), and on the error pages, so that a person can quote it to the support.
 * One access line per request: method, path without its query (a search may hold a name), status,
 * duration. With `serverTiming` (SERVER_TIMING), a `Server-Timing` header splits the time until the
 * headers were sent between the server's own work (`app`) and the calls to other services it waited
 * for (`upstream`: FranceConnect, ProConnect, the DGFiP), for the benchmark and the browser's tools.
 */
export function requestIds(options: { serverTiming: boolean }): RequestHandler {
  return (req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = performance.now();
    const upstream = new UpstreamClock();
    if (options.serverTiming) {
      const writeHead = res.writeHead;
      res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
        const total = performance.now() - started;
        const waited = upstream.elapsedMs();
        res.setHeader(
          "Server-Timing",
          `app;dur=${(total - waited).toFixed(1)}, upstream;dur=${waited.toFixed(1)};desc="${upstream.calls}"`,
        );
        return writeHead.apply(this, args);
      } as typeof writeHead;
    }
    res.on("finish", () => {
      withRequestContext(requestId, () =>
        log().info(
          {
            method: req.method,
            path: clean(req.path, 200),
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
          },
          "requête",
        ),
      );
    });
    withRequestContext(requestId, next, upstream);
  };
}

/** The request id of the response (for the error pages and Remix's load context). */
export function requestIdOf(res: { locals: Record<string, unknown> }): string {
  return String(res.locals.requestId ?? "");
}
