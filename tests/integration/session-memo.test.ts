/** The session, and the person it belongs to, read once per GET request (request-memo.server). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/connection.server";
import { oncePerRequest } from "~/server/request-memo.server";
import { createSessionStore } from "~/server/session.server";
import { createTestDatabase } from "../helpers/database";
import { createCitizen } from "../helpers/fixtures";

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const ORIGIN = "http://localhost";

async function citizenSession() {
  const sessions = createSessionStore(db.prisma, { secure: false, ttlHours: 1 });
  const citizen = await createCitizen(db.prisma, { rfr: null });
  const cookie = (
    await sessions.create(new Request(ORIGIN), { kind: "CITIZEN", citizenId: citizen.id })
  ).split(";")[0] as string;
  const request = (method = "GET") =>
    new Request(`${ORIGIN}/mes-demandes`, { method, headers: { Cookie: cookie } });
  return { sessions, citizen, request };
}

describe("a session read once per request", () => {
  it("is read from the database once for all the loaders of a GET request", async () => {
    const { sessions, citizen, request } = await citizenSession();
    const get = request();
    const [first, second] = await Promise.all([sessions.read(get), sessions.read(get)]);
    expect(first?.citizenId).toBe(citizen.id);
    expect(second).toBe(first);
    // Gone from the database: the same request keeps what it read, a new one does not.
    await db.prisma.session.deleteMany({ where: { citizenId: citizen.id } });
    expect((await sessions.read(get))?.citizenId).toBe(citizen.id);
    expect(await sessions.read(request())).toBeNull();
  });

  it("is read again for each loader after a form is sent (the action may have changed it)", async () => {
    const { sessions, citizen, request } = await citizenSession();
    const post = request("POST");
    expect((await sessions.read(post))?.citizenId).toBe(citizen.id);
    await db.prisma.session.deleteMany({ where: { citizenId: citizen.id } });
    expect(await sessions.read(post)).toBeNull();
  });

  it("is forgotten by the request that closes it", async () => {
    const { sessions, citizen, request } = await citizenSession();
    const get = request();
    expect((await sessions.read(get))?.citizenId).toBe(citizen.id);
    await sessions.destroy(get);
    expect(await sessions.read(get)).toBeNull();
  });

  it("does not keep a failure", async () => {
    const get = new Request(ORIGIN);
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error("base indisponible"));
    };
    await expect(oncePerRequest(get, "key", failing)).rejects.toThrow("base indisponible");
    await expect(oncePerRequest(get, "key", failing)).rejects.toThrow("base indisponible");
    expect(calls).toBe(2);
  });
});
