/**
 * A président adds an agent to their bureau (app/server/agent/staff.server.ts): an address already
 * known is a field error, also when two présidents add it at the same moment (never a 500).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAgent } from "~/server/agent/staff.server";
import type { Database } from "~/server/db/connection.server";
import { createTestDatabase } from "../helpers/database";
import { createAgent, createCourt } from "../helpers/fixtures";

let db: Database;
let courtId: string;
let presidentId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  courtId = (await createCourt(db.prisma, "Lyon")).id;
  presidentId = (await createAgent(db.prisma, courtId, { role: "PRESIDENT" })).id;
});
afterAll(() => db.close());

const form = (email: string) => ({
  email,
  givenName: "Louise",
  usualName: "MICHEL",
  role: "INSTRUCTEUR",
  courtId,
});
const TAKEN = {
  ok: false,
  errors: { email: "Un compte existe déjà pour cette adresse : modifiez-le dans la liste." },
};

describe("adding an agent", () => {
  it("adds them once; the same address again is a field error", async () => {
    expect(await addAgent(db.prisma, presidentId, form("louise.michel@justice.fr"))).toEqual({
      ok: true,
    });
    expect(await addAgent(db.prisma, presidentId, form("Louise.Michel@justice.fr"))).toMatchObject(
      TAKEN,
    );
  });

  it("says so to the second of two présidents adding the same address at once", async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => addAgent(db.prisma, presidentId, form("jean.moulin@justice.fr"))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    for (const result of results.filter((result) => !result.ok))
      expect(result).toMatchObject(TAKEN);
    expect(await db.prisma.agent.count({ where: { email: "jean.moulin@justice.fr" } })).toBe(1);
  });
});
