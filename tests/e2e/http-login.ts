/**
 * Logging in over plain HTTP, without a browser: a citizen through the local FranceConnect, an agent
 * through the local ProConnect, each walking the stand-in's pages as a browser without JavaScript
 * would (its forms posted, its redirects followed), then the app's callback. The client that comes
 * back keeps the cookies of every site and posts the app's forms with the app's `Origin`, as a
 * browser does (the CSRF guard refuses any other). Used by the attack suite (attack.test.ts); meant
 * for any test that needs many logged-in people at little cost (load tests).
 */
import { Agent } from "../helpers/http";

/** The citizens' session cookie (app/server/session.server.ts). */
export const CITIZEN_COOKIE = "aj_session";
/** The agents' session cookie. */
export const AGENT_COOKIE = "aj_bureau";

/** What the app's callback answered at the last login of a client. */
export type LoginRecord = {
  /** The callback's status (302 when the login succeeded) and where it sent the browser. */
  status: number;
  location: string | null;
  /** The callback's Set-Cookie headers. */
  setCookies: string[];
  /** The page the browser landed on after the callback (the account, the queue…). */
  landing: string;
  /** The callback's time as the browser saw it (ms), and its Server-Timing header (SERVER_TIMING). */
  callbackMs: number;
  serverTiming: string | null;
};

/** A person's browser on the app at `baseURL`. */
export class AppClient extends Agent {
  readonly origin: string;
  /** Set by citizenLogin and agentLogin. */
  lastLogin: LoginRecord | null = null;

  constructor(baseURL: string) {
    super({ sameOriginPosts: true });
    this.origin = new URL(baseURL).origin;
  }

  /** An absolute URL of the app. */
  url(path: string): string {
    return new URL(path, this.origin).toString();
  }

  /** A GET of the app, with this browser's cookies; no redirect followed. */
  get(path: string, headers?: HeadersInit): Promise<Response> {
    return this.fetch(this.url(path), { headers });
  }

  /** A form of the app posted from its own pages; no redirect followed. */
  post(
    path: string,
    fields: Record<string, string> | [string, string][],
    headers?: HeadersInit,
  ): Promise<Response> {
    return this.fetch(this.url(path), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields),
    });
  }

  /** The value of one of the app's cookies held by this browser. */
  appCookie(name: string): string | undefined {
    return this.cookie(this.origin, name);
  }

  /** Holds one of the app's cookies, as if the app (or someone else) had set it. */
  setAppCookie(name: string, value: string | null) {
    this.setCookie(this.origin, name, value);
  }
}

export class LoginError extends Error {
  override name = "LoginError";
}

export type LoginOptions = {
  /** A browser to log in with (its cookies are kept, e.g. one planted by an attacker). */
  client?: AppClient;
  /** Where the app sends the person after the login (a local path). */
  redirectTo?: string;
  /** Called when the provider sends the browser back, before the app's callback is called. */
  beforeCallback?: (callbackUrl: string, client: AppClient) => void;
};

type Page = { url: string; body?: string };

/**
 * Starts a login with the app's button (a POST), walks the provider's pages with `answer` (which
 * form of the page to post) until the provider sends the browser back to the app, then calls the
 * app's callback and lands on the page it redirects to.
 */
async function logIn(
  client: AppClient,
  start: { path: string; redirectTo: string },
  provider: string,
  answer: (page: Page) => { action: string; fields: Record<string, string> },
  sessionCookie: string,
  beforeCallback?: LoginOptions["beforeCallback"],
): Promise<AppClient> {
  const back = `${client.origin}/`;
  const started = await client.post(start.path, { redirectTo: start.redirectTo });
  const authorize = started.headers.get("location");
  if (started.status !== 303 || !authorize) {
    throw new LoginError(`${start.path} answered ${started.status}, not a redirect to ${provider}`);
  }
  let page: Page = await client.walk(new URL(authorize, client.origin).toString(), back);
  for (let steps = 0; !page.url.startsWith(back); steps++) {
    if (steps === 4) throw new LoginError(`${provider}: no way back to the app from ${page.url}`);
    const { action, fields } = answer(page);
    page = await client.postForm(new URL(action, page.url).toString(), fields, back);
  }
  beforeCallback?.(page.url, client);
  const sent = performance.now();
  const callback = await client.fetch(page.url);
  const callbackMs = performance.now() - sent;
  const location = callback.headers.get("location");
  const setCookies = callback.headers.getSetCookie();
  const issued = setCookies.some(
    (cookie) => cookie.startsWith(`${sessionCookie}=`) && !cookie.startsWith(`${sessionCookie}=;`),
  );
  if (callback.status !== 302 || !location || !issued) {
    throw new LoginError(
      `${provider}: the app's callback answered ${callback.status} without a session` +
        ` (${(await callback.text()).slice(0, 200)})`,
    );
  }
  const landing = await client.walk(client.url(location), "never:");
  if (landing.response?.status !== 200) {
    throw new LoginError(
      `${provider}: after the login, ${landing.url} answered ${landing.response?.status}`,
    );
  }
  client.lastLogin = {
    status: callback.status,
    location,
    setCookies,
    landing: landing.url,
    callbackMs,
    serverTiming: callback.headers.get("server-timing"),
  };
  return client;
}

/** The `action` of the page's first form whose action ends with `suffix`. */
function formAction(page: Page, suffix: string): string | null {
  for (const [, action = ""] of page.body?.matchAll(/<form\b[^>]*\baction="([^"]*)"/g) ?? []) {
    if (action.endsWith(suffix)) return action.replaceAll("&amp;", "&");
  }
  return null;
}

/**
 * Logs in as the local FranceConnect's demo identity `identityLogin` ("test", "avec_nom_dusage"…,
 * mocks/franceconnect/identities.ts) and consents to the DGFiP's data. Returns the browser, logged
 * in, after it landed on the page the app chose (the account by default).
 */
export function citizenLogin(
  baseURL: string,
  identityLogin: string,
  options: LoginOptions = {},
): Promise<AppClient> {
  const client = options.client ?? new AppClient(baseURL);
  return logIn(
    client,
    { path: "/auth/franceconnect", redirectTo: options.redirectTo ?? "/" },
    "FranceConnect",
    (page) => {
      const consent = formAction(page, "/confirm");
      if (consent) return { action: consent, fields: {} as Record<string, string> };
      const login = formAction(page, "/login");
      if (login) return { action: login, fields: { login: identityLogin } };
      throw new LoginError(`FranceConnect: neither a login nor a consent page at ${page.url}`);
    },
    CITIZEN_COOKIE,
    options.beforeCallback,
  );
}

/**
 * Logs in as the local ProConnect's demo agent `login` ("karim.benali"…, mocks/proconnect/agents.ts),
 * or by e-mail when it contains an @. Returns the browser, logged in, on the page the app chose (the
 * queue by default).
 */
export function agentLogin(
  baseURL: string,
  login: string,
  options: LoginOptions = {},
): Promise<AppClient> {
  const client = options.client ?? new AppClient(baseURL);
  const fields: Record<string, string> = login.includes("@") ? { email: login } : { login };
  return logIn(
    client,
    { path: "/bureau/auth", redirectTo: options.redirectTo ?? "/bureau" },
    "ProConnect",
    (page) => {
      const action = formAction(page, "/login");
      if (!action) throw new LoginError(`ProConnect: no login page at ${page.url}`);
      return { action, fields };
    },
    AGENT_COOKIE,
    options.beforeCallback,
  );
}

/** The values of a page's inputs, by name (the last one wins). */
export function inputs(html: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name) values[name] = decodeHtml(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "");
  }
  return values;
}

/** Text of an HTML attribute or element, as React escapes it. */
export function decodeHtml(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
