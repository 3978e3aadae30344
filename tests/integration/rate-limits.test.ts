/**
 * The rate limits (server/rate-limits.ts): counted in the database, so that two instances share
 * them; over the limit a 429 with Retry-After and a French page; per address or per session; a
 * failing counter store lets requests through.
 */
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Database } from "~/server/db/connection.server";
import { routedPath } from "~/server/routed-path.server";
import { createSessionStore } from "~/server/session.server";
import {
  addressKey,
  type RateLimitRule,
  rateLimitRules,
  rateLimits,
} from "../../server/rate-limits";
import { createTestDatabase } from "../helpers/database";

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

/** An instance of the server: the limits, then a handler that answers 200. */
async function instance(prisma: PrismaClient, rules: RateLimitRule[]) {
  const app = express();
  app.set("trust proxy", "loopback");
  app.use(rateLimits(prisma, rules));
  app.use((_req, res) => {
    res.send("ok");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const loginRule = (name: string): RateLimitRule => ({
  name,
  matches: (req) => req.method === "POST" && req.path === "/auth/franceconnect",
  per: "ip",
  points: 3,
  duration: 600,
});

describe("rate limits", () => {
  it("are shared by two instances, then answer 429 with Retry-After in French", async () => {
    const rules = [loginRule("test-shared")];
    const [one, two] = await Promise.all([instance(db.prisma, rules), instance(db.prisma, rules)]);
    try {
      const statuses: number[] = [];
      for (const target of [one, two, one, two]) {
        const response = await fetch(`${target.url}/auth/franceconnect`, {
          method: "POST",
          headers: { "X-Forwarded-For": "203.0.113.7" },
        });
        statuses.push(response.status);
        if (response.status === 429) {
          expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
          expect(await response.text()).toContain("Trop de demandes en peu de temps");
        }
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      // Another address has its own count; other pages are not counted.
      const other = await fetch(`${one.url}/auth/franceconnect`, {
        method: "POST",
        headers: { "X-Forwarded-For": "203.0.113.8" },
      });
      expect(other.status).toBe(200);
      expect(
        (await fetch(`${two.url}/`, { headers: { "X-Forwarded-For": "203.0.113.7" } })).status,
      ).toBe(200);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("count a person's session whatever the address or the cookie's encoding", async () => {
    const rule: RateLimitRule = {
      name: "test-session",
      matches: (req) => req.method === "POST",
      per: "session",
      points: 2,
      duration: 600,
    };
    const sessions = createSessionStore(db.prisma, { secure: false, ttlHours: 1 });
    const cookieOf = async () =>
      ((await sessions.create(new Request("http://localhost/"), { kind: "CITIZEN" })).split(
        ";",
      )[0] ?? "") as string;
    const mine = await cookieOf();
    const other = await cookieOf();
    // The same value, escaped differently: the same session for the application.
    const [name, value = ""] = mine.split("=");
    const escaped = `${name}=${[...value].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("")}`;
    const server = await instance(db.prisma, [rule]);
    try {
      const post = (cookie?: string, ip = "198.51.100.1", path = "/demande/identite") =>
        fetch(`${server.url}${path}`, {
          method: "POST",
          headers: { "X-Forwarded-For": ip, ...(cookie ? { Cookie: cookie } : {}) },
        }).then((response) => response.status);
      expect(await post(mine, "198.51.100.1")).toBe(200);
      expect(await post(escaped, "198.51.100.2", "/DEMANDE/identite.data")).toBe(200);
      expect(await post(mine, "198.51.100.3")).toBe(429);
      expect(await post(other)).toBe(200);
      // No session (or one that does not parse): nothing to count per session.
      for (let i = 0; i < 4; i++) expect(await post()).toBe(200);
      expect(await post("aj_session=made-up")).toBe(200);
      // The session cookie is never stored as such.
      const keys = (await db.prisma.rateLimit.findMany({ select: { key: true } }))
        .map(({ key }) => key)
        .join(" ");
      expect(keys).not.toContain(value);
    } finally {
      await server.close();
    }
  });

  it("let requests through when the counter store fails", async () => {
    const broken = new Proxy(db.prisma, {
      get(target, property, receiver) {
        if (property === "$queryRawUnsafe") {
          return () => Promise.reject(new Error("base indisponible"));
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const server = await instance(broken, [loginRule("test-broken")]);
    try {
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${server.url}/auth/franceconnect`, { method: "POST" });
        expect(response.status).toBe(200);
      }
    } finally {
      await server.close();
    }
  });

  it("count what the application routes, however it is written, and IPv6 by network", () => {
    expect(routedPath("/AUTH/FranceConnect.data")).toBe("/auth/franceconnect");
    expect(routedPath("/%61uth/franceconnect/")).toBe("/auth/franceconnect");
    expect(routedPath("/")).toBe("/");
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:db8:1:2:bbbb::2"));
    expect(addressKey("2001:db8:1:2::1")).not.toBe(addressKey("2001:db8:1:3::1"));
  });

  it("are those of the service: login starts and callbacks per address, forms per session", () => {
    const rules = rateLimitRules({ loginsPerIp: 60, postsPerIp: 1_000 });
    const request = (method: string, path: string) => ({ method, path }) as express.Request;
    const names = (method: string, path: string) =>
      rules.filter((rule) => rule.matches(request(method, path))).map((rule) => rule.name);
    expect(names("POST", "/auth/franceconnect")).toEqual(["login-ip", "post-ip"]);
    expect(names("GET", "/bureau/auth/callback")).toEqual(["callback-ip"]);
    expect(names("POST", "/demande/procedure")).toEqual(["post-ip", "draft-session"]);
    expect(names("POST", "/mes-demandes/0190a0c0-0000-7000-8000-000000000000")).toEqual([
      "post-ip",
      "message-session",
    ]);
    expect(names("GET", "/bureau/export.csv")).toEqual(["export-session"]);
    expect(names("HEAD", "/bureau/export.csv")).toEqual(["export-session"]);
    expect(names("GET", "/bureau/statistiques")).toEqual(["heavy-page-session"]);
    expect(names("GET", "/bureau/statistiques.data")).toEqual(["heavy-page-session"]);
    expect(names("GET", "/bureau/lots")).toEqual(["heavy-page-session"]);
    expect(names("GET", "/bureau/statistiques.csv")).toEqual(["export-session"]);
    expect(names("POST", "/Auth/FranceConnect.data")).toEqual(["login-ip", "post-ip"]);
    expect(names("GET", "/auth/franceconnect/callback.data")).toEqual(["callback-ip"]);
    expect(names("GET", "/mon-compte")).toEqual([]);
  });
});
