/**
 * An agent's first login binds their provisioned account to their ProConnect account (e-mail, then
 * sub + idp_id: app/server/agent/login.server.ts). Several first logins at once (tabs, or a load
 * test) must all get in, and bind once; found by the load test on PostgreSQL, where a login read
 * the account between another's binding and its own check, and was refused.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { handleProConnectCallback } from "~/server/agent/login.server";
import { createProConnect } from "~/server/auth/proconnect.server";
import type { Database } from "~/server/db/connection.server";
import { createSessionStore } from "~/server/session.server";
import { findAgent } from "../../mocks/proconnect/agents";
import { createTestDatabase } from "../helpers/database";
import { createCourt } from "../helpers/fixtures";
import { Agent } from "../helpers/http";
import {
  loginAtProConnect,
  PC_APP_ORIGIN,
  PC_CLIENT,
  PC_POST_LOGOUT_REDIRECT_URI,
  PC_REDIRECT_URI,
  startProConnectMock,
} from "../helpers/proconnect";

let db: Database;
let mock: Awaited<ReturnType<typeof startProConnectMock>>;
beforeAll(async () => {
  [db, mock] = await Promise.all([createTestDatabase(), startProConnectMock()]);
});
afterAll(async () => {
  await Promise.all([db.close(), mock.close()]);
});

it("several first logins of one agent at once: all get in, the account is bound once", async () => {
  const karim = findAgent("karim.benali");
  if (!karim) throw new Error("karim.benali missing from the local ProConnect");
  const court = await createCourt(db.prisma, "Paris");
  const provisioned = await db.prisma.agent.create({
    data: {
      email: karim.email,
      givenName: "Karim",
      usualName: "Benali",
      role: "INSTRUCTEUR",
      courts: { create: [{ courtId: court.id }] },
    },
  });
  const pc = createProConnect({
    issuer: mock.issuer,
    clientId: PC_CLIENT.client_id,
    clientSecret: PC_CLIENT.client_secret,
    redirectUri: PC_REDIRECT_URI,
    postLogoutRedirectUri: PC_POST_LOGOUT_REDIRECT_URI,
    idTokenAlg: "ES256",
    nonceSecret: "test-nonce-secret-0123456789abcdef0123456789",
    timeoutMs: 5_000,
    secureCookies: false,
  });
  // Six tabs, each back from ProConnect with its own code.
  const callbacks = await Promise.all(
    Array.from({ length: 6 }, async () => {
      const start = await pc.login(new Request(`${PC_APP_ORIGIN}/bureau/auth`), "/bureau");
      const browser = new Agent();
      browser.store(PC_APP_ORIGIN, start);
      const back = await loginAtProConnect(
        start.headers.get("location") as string,
        { login: "karim.benali" },
        { browser },
      );
      return new Request(back.url, {
        headers: { Cookie: browser.cookieHeader(PC_APP_ORIGIN) },
      });
    }),
  );
  const deps = {
    pc,
    prisma: db.prisma,
    sessions: createSessionStore(db.prisma, { secure: false, ttlHours: 1 }),
  };
  const outcomes = await Promise.all(
    callbacks.map((request) => handleProConnectCallback(request, deps)),
  );
  for (const outcome of outcomes) {
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).headers.get("location")).toBe("/bureau");
  }
  const bound = await db.prisma.agent.findUniqueOrThrow({ where: { id: provisioned.id } });
  expect(bound).toMatchObject({ proConnectSub: karim.sub, idpId: karim.idp_id });
  expect(await db.prisma.session.count({ where: { agentId: provisioned.id } })).toBe(6);
  expect(await db.prisma.auditEvent.count({ where: { action: "agent.login_refused" } })).toBe(0);
  expect(await db.prisma.auditEvent.count({ where: { action: "agent.logged_in" } })).toBe(6);
});
