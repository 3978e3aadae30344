/**
 * Server-side sessions: the cookie holds only a random opaque id; the table stores its SHA-256, so
 * that reading the database does not give usable session ids. A new id is issued at each login.
 */
import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { Prisma, PrismaClient, SessionKind } from "~/generated/prisma/client";
import { forgetForRequest, oncePerRequest } from "./request-memo.server";
import type { TaxFetchStatus } from "./tax.server";

export const SESSION_COOKIE = "aj_session";
/** The agents' own cookie, sent only to the back-office (never the citizen's). */
export const AGENT_SESSION_COOKIE = "aj_bureau";

export type SessionData = {
  /** Kept for FranceConnect logout (id_token_hint). */
  idToken?: string;
  /** Outcome of the DGFiP call made at login. */
  taxFetch?: TaxFetchStatus;
};

/** Refresh `lastSeenAt` at most this often (one write per minute of activity, not per request). */
const TOUCH_EVERY_MS = 60_000;

export type Session = {
  kind: SessionKind;
  citizenId: string | null;
  agentId: string | null;
  data: SessionData;
  expiresAt: Date;
};

function hashId(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}

/**
 * The session id a Cookie header carries in this cookie, read as the store reads it (however the
 * value is encoded), or null. Also what the rate limits count per session (server/rate-limits.ts).
 */
export async function sessionIdIn(
  cookieHeader: string | null,
  cookieName: string,
): Promise<string | null> {
  const value = await createCookie(cookieName).parse(cookieHeader);
  return typeof value === "string" && /^[\w-]{43}$/.test(value) ? value : null;
}

export function createSessionStore(
  prisma: PrismaClient,
  options: {
    secure: boolean;
    /** Absolute lifetime. */
    ttlHours: number;
    /** Ends the session after this long without a request (agents: 30 min). */
    idleMinutes?: number;
    cookieName?: string;
  },
) {
  const ttlMs = options.ttlHours * 60 * 60 * 1000;
  const idleMs = options.idleMinutes ? options.idleMinutes * 60_000 : null;
  // CSRF protection relies on SameSite=Lax: no state-changing GET route (see docs/decisions/007).
  const cookie = createCookie(options.cookieName ?? SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure: options.secure,
    path: "/",
    maxAge: ttlMs / 1000,
  });

  function idFrom(request: Request): Promise<string | null> {
    return sessionIdIn(request.headers.get("Cookie"), cookie.name);
  }

  return {
    /** Opens a session with a new id (any session the request carried is deleted). */
    async create(
      request: Request,
      owner: { kind: SessionKind; citizenId?: string; agentId?: string; data?: SessionData },
    ): Promise<string> {
      forgetForRequest(request);
      const previous = await idFrom(request);
      if (previous) await prisma.session.deleteMany({ where: { id: hashId(previous) } });
      const id = randomBytes(32).toString("base64url");
      await prisma.session.create({
        data: {
          id: hashId(id),
          kind: owner.kind,
          citizenId: owner.citizenId ?? null,
          agentId: owner.agentId ?? null,
          data: (owner.data ?? {}) as Prisma.InputJsonValue,
          expiresAt: new Date(Date.now() + ttlMs),
        },
      });
      return cookie.serialize(id);
    },

    /** The request's session (read once per GET request, however many loaders ask). */
    read(request: Request): Promise<Session | null> {
      return oncePerRequest(request, `session:${cookie.name}`, () => readSession(request));
    },

    /** Deletes the session and returns the Set-Cookie header that clears it. */
    async destroy(request: Request): Promise<string> {
      forgetForRequest(request);
      const id = await idFrom(request);
      if (id) await prisma.session.deleteMany({ where: { id: hashId(id) } });
      return cookie.serialize("", { maxAge: 0, expires: new Date(0) });
    },
  };

  async function readSession(request: Request): Promise<Session | null> {
    const id = await idFrom(request);
    if (!id) return null;
    const session = await prisma.session.findUnique({ where: { id: hashId(id) } });
    if (!session) return null;
    const now = Date.now();
    const idle = idleMs !== null && session.lastSeenAt.getTime() + idleMs <= now;
    if (session.expiresAt.getTime() <= now || idle) {
      await prisma.session.deleteMany({ where: { id: session.id } });
      return null;
    }
    if (idleMs !== null && now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await prisma.session.updateMany({
        where: { id: session.id },
        data: { lastSeenAt: new Date(now) },
      });
    }
    return {
      kind: session.kind,
      citizenId: session.citizenId,
      agentId: session.agentId,
      data: session.data as SessionData,
      expiresAt: session.expiresAt,
    };
  }
}

export type SessionStore = ReturnType<typeof createSessionStore>;
