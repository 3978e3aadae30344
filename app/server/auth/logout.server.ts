/**
 * Logout through the identity provider (FranceConnect for citizens, ProConnect for agents): the
 * local session is deleted at once, then the browser goes through the provider's `session/end`
 * (id_token_hint, state, post_logout_redirect_uri) and comes back to the return page, where the
 * state is checked.
 */
import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { getEnv } from "../env.server";
import type { SessionStore } from "../session.server";
import type { FranceConnect } from "./franceconnect.server";

type Provider = { logoutUrl(idToken: string, state: string): Promise<string> };

export function createRpLogout(options: {
  /** The cookie holding the logout state, sent only to `path` (where the return page is). */
  cookieName: string;
  path: string;
  /** Where to go when there is nothing to end at the provider. */
  home: string;
  /** Whether the service is served over https (the cookie is then sent only over https). */
  secure?: () => boolean;
}) {
  const secure = () => ({ secure: options.secure?.() ?? false });
  const stateCookie = createCookie(options.cookieName, {
    httpOnly: true,
    sameSite: "lax",
    path: options.path,
    maxAge: 10 * 60,
  });
  return {
    async start(
      request: Request,
      deps: { provider: Provider; sessions: SessionStore },
    ): Promise<Response> {
      const session = await deps.sessions.read(request);
      // Nothing to close (no session sent, or already over): nothing to clear either.
      if (!session) return redirect(options.home);
      const headers = new Headers({ "Set-Cookie": await deps.sessions.destroy(request) });
      const idToken = session?.data.idToken;
      if (!idToken) return redirect(options.home, { headers });
      const state = randomBytes(32).toString("base64url");
      headers.append("Set-Cookie", await stateCookie.serialize(state, secure()));
      try {
        return redirect(await deps.provider.logoutUrl(idToken, state), { headers });
      } catch {
        // The provider is unreachable: the local session is closed anyway.
        return redirect(`${options.home}?deconnexion=locale`, { headers });
      }
    },

    /** On return from the provider: is it the logout this browser started? */
    async finish(request: Request): Promise<{ verified: boolean; headers: Headers }> {
      const expected = await stateCookie.parse(request.headers.get("Cookie"));
      const state = new URL(request.url).searchParams.get("state");
      const headers = new Headers({
        "Set-Cookie": await stateCookie.serialize("", {
          maxAge: 0,
          expires: new Date(0),
          ...secure(),
        }),
      });
      return {
        verified: typeof expected === "string" && expected.length > 0 && state === expected,
        headers,
      };
    },
  };
}

const overHttps = () => getEnv().APP_URL.startsWith("https:");

const citizenLogout = createRpLogout({
  cookieName: "fc_logout",
  path: "/deconnexion",
  home: "/",
  secure: overHttps,
});

/** The citizen's logout through FranceConnect. */
export function startLogout(
  request: Request,
  deps: { fc: FranceConnect; sessions: SessionStore },
): Promise<Response> {
  return citizenLogout.start(request, { provider: deps.fc, sessions: deps.sessions });
}

export const finishLogout = citizenLogout.finish;

/** The agent's logout through ProConnect. */
export const agentLogout = createRpLogout({
  cookieName: "pc_logout",
  path: "/bureau/deconnexion",
  home: "/bureau/connexion",
  secure: overHttps,
});
