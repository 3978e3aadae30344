import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFranceConnect } from "~/server/auth/franceconnect.server";
import { createRpLogout, finishLogout, startLogout } from "~/server/auth/logout.server";
import type { Database } from "~/server/db/connection.server";
import { createSessionStore } from "~/server/session.server";
import { createTestDatabase } from "../helpers/database";
import { APP_ORIGIN, franceConnectConfig, startFranceConnectMock } from "../helpers/franceconnect";

let db: Database;
let mock: Awaited<ReturnType<typeof startFranceConnectMock>>;
beforeAll(async () => {
  [db, mock] = await Promise.all([createTestDatabase(), startFranceConnectMock()]);
});
afterAll(async () => {
  await Promise.all([db.close(), mock.close()]);
});

const cookiesOf = (response: Response | Headers) =>
  (response instanceof Response ? response.headers : response)
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

describe("logout", () => {
  it("closes the local session at once and goes through FranceConnect's session/end", async () => {
    const sessions = createSessionStore(db.prisma, { secure: false, ttlHours: 1 });
    const citizen = await db.prisma.citizen.create({
      data: {
        fcSub: `${"c".repeat(64)}v1`,
        givenName: "Angela",
        familyName: "DUBOIS",
        birthdate: "1962-08-24",
        gender: "female",
        birthplace: "75107",
        birthcountry: "99100",
      },
    });
    const sessionCookie = await sessions.create(new Request(APP_ORIGIN), {
      kind: "CITIZEN",
      citizenId: citizen.id,
      data: { idToken: "the.id.token" },
    });
    const withSession = new Request(`${APP_ORIGIN}/deconnexion`, {
      method: "POST",
      headers: { Cookie: sessionCookie.split(";")[0] as string },
    });
    expect(await sessions.read(withSession)).not.toBeNull();

    const fc = createFranceConnect(franceConnectConfig(mock.issuer));
    const response = await startLogout(withSession, { fc, sessions });
    expect(await db.prisma.session.count()).toBe(0);
    expect(await sessions.read(withSession)).toBeNull();

    const location = new URL(response.headers.get("location") as string);
    expect(location.origin + location.pathname).toBe(`${mock.issuer}/session/end`);
    expect(location.searchParams.get("id_token_hint")).toBe("the.id.token");
    expect(location.searchParams.get("post_logout_redirect_uri")).toBe(
      `${APP_ORIGIN}/deconnexion/retour`,
    );
    const state = location.searchParams.get("state") as string;
    expect(state.length).toBeGreaterThanOrEqual(32);

    const back = (query: string) =>
      finishLogout(
        new Request(`${APP_ORIGIN}/deconnexion/retour?${query}`, {
          headers: { Cookie: cookiesOf(response) },
        }),
      );
    expect((await back(`state=${state}`)).verified).toBe(true);
    expect((await back(`state=${state}x`)).verified).toBe(false);
    expect((await back("")).verified).toBe(false);
    // Without the browser's state cookie, a return is never verified.
    const stranger = await finishLogout(
      new Request(`${APP_ORIGIN}/deconnexion/retour?state=${state}`),
    );
    expect(stranger.verified).toBe(false);
  });

  it("without a session, just goes home", async () => {
    const sessions = createSessionStore(db.prisma, { secure: false, ttlHours: 1 });
    const fc = createFranceConnect(franceConnectConfig(mock.issuer));
    const response = await startLogout(
      new Request(`${APP_ORIGIN}/deconnexion`, { method: "POST" }),
      { fc, sessions },
    );
    expect(response.headers.get("location")).toBe("/");
  });
});

describe("sessions", () => {
  it("expire, and are unusable from a database dump (only hashes are stored)", async () => {
    const sessions = createSessionStore(db.prisma, { secure: false, ttlHours: 1 });
    const cookie = await sessions.create(new Request(APP_ORIGIN), { kind: "CITIZEN" });
    const stored = await db.prisma.session.findFirstOrThrow();
    expect(cookie).not.toContain(stored.id);
    expect(stored.id).toMatch(/^[0-9a-f]{64}$/);
    // Each read is another request (a request reads its session once).
    const request = () =>
      new Request(APP_ORIGIN, { headers: { Cookie: cookie.split(";")[0] as string } });
    expect(await sessions.read(request())).not.toBeNull();
    await db.prisma.session.update({
      where: { id: stored.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await sessions.read(request())).toBeNull();
    expect(await db.prisma.session.count()).toBe(0);
  });

  it("end after the idle time without a request, and are kept alive by activity", async () => {
    await db.prisma.session.deleteMany();
    const sessions = createSessionStore(db.prisma, {
      secure: false,
      ttlHours: 12,
      idleMinutes: 60,
    });
    const cookie = await sessions.create(new Request(APP_ORIGIN), { kind: "CITIZEN" });
    const request = () =>
      new Request(APP_ORIGIN, { headers: { Cookie: cookie.split(";")[0] as string } });
    const stored = await db.prisma.session.findFirstOrThrow();
    const idleFor = (minutes: number) =>
      db.prisma.session.update({
        where: { id: stored.id },
        data: { lastSeenAt: new Date(Date.now() - minutes * 60_000) },
      });
    // 50 minutes without a request: still open, and the request counts as activity.
    await idleFor(50);
    expect(await sessions.read(request())).not.toBeNull();
    const touched = await db.prisma.session.findFirstOrThrow();
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(60_000);
    // 61 minutes: over, and deleted.
    await idleFor(61);
    expect(await sessions.read(request())).toBeNull();
    expect(await db.prisma.session.count()).toBe(0);
  });

  it("issue a new id at each login, dropping the previous one", async () => {
    const sessions = createSessionStore(db.prisma, { secure: false, ttlHours: 1 });
    const first = await sessions.create(new Request(APP_ORIGIN), { kind: "CITIZEN" });
    const second = await sessions.create(
      new Request(APP_ORIGIN, { headers: { Cookie: first.split(";")[0] as string } }),
      { kind: "CITIZEN" },
    );
    expect(second.split(";")[0]).not.toBe(first.split(";")[0]);
    expect(await db.prisma.session.count()).toBe(1);
  });
});

describe("the logout's state cookie", () => {
  it("is sent over https only when the service is served over https", async () => {
    const sessions = createSessionStore(db.prisma, { secure: false, ttlHours: 1 });
    const provider = { logoutUrl: async () => "https://provider.example/session/end" };
    for (const https of [true, false]) {
      const logout = createRpLogout({
        cookieName: "test_logout",
        path: "/deconnexion",
        home: "/",
        secure: () => https,
      });
      const cookie = await sessions.create(new Request(APP_ORIGIN), {
        kind: "CITIZEN",
        data: { idToken: "the.id.token" },
      });
      const request = new Request(`${APP_ORIGIN}/deconnexion`, {
        method: "POST",
        headers: { Cookie: cookie.split(";")[0] as string },
      });
      const started = await logout.start(request, { provider, sessions });
      const state = started.headers.getSetCookie().find((c) => c.startsWith("test_logout="));
      expect(state).toBeDefined();
      expect(/;\s*Secure/i.test(state ?? ""), `https: ${https}`).toBe(https);
      const { headers } = await logout.finish(new Request(`${APP_ORIGIN}/deconnexion/retour`));
      expect(/;\s*Secure/i.test(headers.get("Set-Cookie") ?? "")).toBe(https);
    }
  });
});
