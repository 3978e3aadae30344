/**
 * Logout: the local session is deleted at once, then the browser goes through FranceConnect's
 * `session/end` (id_token_hint, state, post_logout_redirect_uri) and comes back to
 * /deconnexion/retour, where the state is checked.
 */
import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { SessionStore } from "../session.server";
import type { FranceConnect } from "./franceconnect.server";

const logoutState = createCookie("fc_logout", {
  httpOnly: true,
  sameSite: "lax",
  path: "/deconnexion",
  maxAge: 10 * 60,
});

export async function startLogout(
  request: Request,
  deps: { fc: FranceConnect; sessions: SessionStore },
): Promise<Response> {
  const session = await deps.sessions.read(request);
  const headers = new Headers({ "Set-Cookie": await deps.sessions.destroy(request) });
  const idToken = session?.data.idToken;
  if (!idToken) return redirect("/", { headers });
  const state = randomBytes(32).toString("base64url");
  headers.append("Set-Cookie", await logoutState.serialize(state));
  try {
    return redirect(await deps.fc.logoutUrl(idToken, state), { headers });
  } catch {
    // FranceConnect unreachable: the local session is closed anyway.
    return redirect("/?deconnexion=locale", { headers });
  }
}

/** On return from FranceConnect: is it the logout this browser started? */
export async function finishLogout(
  request: Request,
): Promise<{ verified: boolean; headers: Headers }> {
  const expected = await logoutState.parse(request.headers.get("Cookie"));
  const state = new URL(request.url).searchParams.get("state");
  const headers = new Headers({
    "Set-Cookie": await logoutState.serialize("", { maxAge: 0, expires: new Date(0) }),
  });
  return {
    verified: typeof expected === "string" && expected.length > 0 && state === expected,
    headers,
  };
}
