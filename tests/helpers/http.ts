/**
 * A minimal cookie-keeping HTTP agent, to walk OpenID Connect redirects in integration tests the way
 * a browser would (no JavaScript). Cookies are kept per host (port included), whatever their path.
 */
export class Agent {
  private cookies = new Map<string, Map<string, string>>();
  /** Each POST names its target's origin in `Origin`, as a browser posting a site's own form. */
  private readonly sameOriginPosts: boolean;

  constructor(options: { sameOriginPosts?: boolean } = {}) {
    this.sameOriginPosts = options.sameOriginPosts ?? false;
  }

  /** The value of the cookie `name` held for `url`'s host. */
  cookie(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).host)?.get(name);
  }

  /** Holds a cookie for `url`'s host as if a response had set it (`null`: forgets it). */
  setCookie(url: string, name: string, value: string | null) {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    if (value === null) jar.delete(name);
    else jar.set(name, value);
    this.cookies.set(host, jar);
  }

  cookieHeader(url: string): string {
    const jar = this.cookies.get(new URL(url).host);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join("; ") : "";
  }

  store(url: string, response: Response) {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired =
        value === "" || attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(host, jar);
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set("Cookie", cookie);
    if (this.sameOriginPosts && init.method?.toUpperCase() === "POST" && !headers.has("Origin")) {
      headers.set("Origin", new URL(url).origin);
    }
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    this.store(url, response);
    return response;
  }

  /**
   * Follows redirects; stops on a page (not a redirect), or before leaving for `stopAt`'s origin.
   */
  async walk(
    url: string,
    stopAt: string,
    init?: RequestInit,
  ): Promise<{ url: string; response?: Response; body?: string }> {
    let current = url;
    let response = await this.fetch(current, init);
    for (let hops = 0; hops < 20; hops++) {
      const location = response.headers.get("location");
      if (!location || response.status < 300 || response.status >= 400) {
        return { url: current, response, body: await response.text() };
      }
      current = new URL(location, current).toString();
      if (current.startsWith(stopAt)) return { url: current };
      response = await this.fetch(current);
    }
    throw new Error("Too many redirects");
  }

  postForm(url: string, fields: Record<string, string>, stopAt: string) {
    return this.walk(url, stopAt, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
  }
}
