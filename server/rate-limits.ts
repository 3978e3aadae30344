/**
 * Rate limits (docs/securite.md): how many login starts, callbacks, form saves, messages and
 * exports a client may make, per IP address and per session, counted in the database so that every
 * instance shares them (rate-limiter-flexible's PostgreSQL store, on the `rate_limit` table, through
 * Prisma: the embedded database and PostgreSQL alike). Over the limit: 429, `Retry-After` and a
 * French page. A counter store that fails lets the request through: a limit must never take the
 * service down.
 */
import { createHash } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import ipaddr from "ipaddr.js";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { PrismaClient } from "~/generated/prisma/client";
import { log } from "~/server/log.server";
import { routedPath } from "~/server/routed-path.server";
import { AGENT_SESSION_COOKIE, SESSION_COOKIE, sessionIdIn } from "~/server/session.server";
import { refuse } from "./http-guards";

export type RateLimitRule = {
  name: string;
  /** Which requests it counts. */
  matches: (req: Request) => boolean;
  /** Whose requests: the client's address, or its session (requests without a session: not counted). */
  per: "ip" | "session";
  points: number;
  /** Window, in seconds. */
  duration: number;
};

const TEN_MINUTES = 10 * 60;

/** HEAD runs the same loaders as GET. */
const isGet = (req: Request) => req.method === "GET" || req.method === "HEAD";
const post = (pattern: RegExp) => (req: Request) =>
  req.method === "POST" && pattern.test(routedPath(req.path));
const get = (pattern: RegExp) => (req: Request) => isGet(req) && pattern.test(routedPath(req.path));

/**
 * The limits. Per address they are generous (a BAJ's agents, or a family, may share one address
 * behind a NAT): they stop a robot, not people. Per session they follow what a person does.
 */
export function rateLimitRules(options: {
  loginsPerIp: number;
  postsPerIp: number;
}): RateLimitRule[] {
  const loginStart = post(/^\/(auth\/franceconnect|bureau\/auth)$/);
  const callback = get(/^\/(auth\/franceconnect|bureau\/auth)\/callback$/);
  return [
    {
      name: "login-ip",
      matches: loginStart,
      per: "ip",
      points: options.loginsPerIp,
      duration: TEN_MINUTES,
    },
    {
      name: "callback-ip",
      matches: callback,
      per: "ip",
      points: options.loginsPerIp,
      duration: TEN_MINUTES,
    },
    {
      name: "post-ip",
      matches: (req) => req.method === "POST",
      per: "ip",
      points: options.postsPerIp,
      duration: TEN_MINUTES,
    },
    {
      name: "draft-session",
      matches: post(/^\/demande(\/|$)/),
      per: "session",
      points: 120,
      duration: TEN_MINUTES,
    },
    {
      name: "message-session",
      matches: post(/^\/mes-demandes\/[^/]+$/),
      per: "session",
      points: 20,
      duration: TEN_MINUTES,
    },
    {
      name: "export-session",
      matches: get(/^\/bureau\/(export|statistiques|journal)\.(csv|json)$/),
      per: "session",
      points: 30,
      duration: TEN_MINUTES,
    },
    {
      // Pages that compute over many applications: the statistics (every court of France for the
      // national reader), a batch's selection (up to 1,000 applications).
      name: "heavy-page-session",
      matches: get(/^\/bureau\/(statistiques|lots)$/),
      per: "session",
      points: 60,
      duration: TEN_MINUTES,
    },
  ];
}

/**
 * The session of the request's space (the agents' cookie under /bureau, the citizens' elsewhere),
 * read as the session store reads it, hashed; or null.
 */
async function sessionKey(req: Request): Promise<string | null> {
  const cookieName = routedPath(req.path).startsWith("/bureau")
    ? AGENT_SESSION_COOKIE
    : SESSION_COOKIE;
  const id = await sessionIdIn(req.headers.cookie ?? null, cookieName);
  return id ? createHash("sha256").update(`${cookieName}=${id}`).digest("base64url") : null;
}

/** The client's address; IPv6 by /64 (one subscriber's network), since it chooses the rest. */
export function addressKey(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return "unknown";
  const address = ipaddr.process(ip);
  if (address.kind() === "ipv4") return address.toString();
  return `${(address as ipaddr.IPv6).toNormalizedString().split(":").slice(0, 4).join(":")}::/64`;
}

/** rate-limiter-flexible's PostgreSQL queries, run by Prisma (bigint values as numbers). */
function prismaStore(prisma: PrismaClient) {
  return {
    async query({ text, values }: { text: string; values?: unknown[] }) {
      const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(text, ...(values ?? []));
      const plain = rows.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [
            key,
            typeof value === "bigint" ? Number(value) : value,
          ]),
        ),
      );
      return { rows: plain, rowCount: plain.length };
    },
  };
}

function tooMany(res: Response, msBeforeNext: number) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const minutes = Math.ceil(seconds / 60);
  res.setHeader("Retry-After", String(seconds));
  refuse(
    res,
    429,
    `Par sécurité, le service limite le nombre d'envois. Rien n'est perdu : réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
  );
}

export function rateLimits(prisma: PrismaClient, rules: RateLimitRule[]): RequestHandler {
  const store = prismaStore(prisma);
  const limiters = rules.map((rule) => ({
    rule,
    limiter: new RateLimiterPostgres({
      storeClient: store,
      storeType: "client",
      tableName: "rate_limit",
      tableCreated: true,
      keyPrefix: rule.name,
      points: rule.points,
      duration: rule.duration,
    }),
  }));
  return async (req, res, next) => {
    for (const { rule, limiter } of limiters) {
      if (!rule.matches(req)) continue;
      const key = rule.per === "ip" ? addressKey(req.ip) : await sessionKey(req);
      if (!key) continue;
      try {
        await limiter.consume(key);
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return tooMany(res, refusal.msBeforeNext);
        // The store failed: let the request through (and say so).
        log().warn({ rule: rule.name, err: refusal }, "limites de débit indisponibles");
      }
    }
    next();
  };
}
