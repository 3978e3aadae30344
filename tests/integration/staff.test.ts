/**
 * A président manages the agents of their bureau (app/server/agent/staff.server.ts): an address
 * already known is a field error, also when two présidents add it at the same moment (never a 500);
 * an agent who also serves another bureau keeps their role and account, which only a président of
 * all their courts changes, and can be taken off the président's courts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAgent, changeRole, removeFromCourts, setActive } from "~/server/agent/staff.server";
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

describe("an agent who also serves another bureau", () => {
  const SHARED = /sert aussi un tribunal d'un autre bureau/;

  it("keeps their role and account: the président of one of their courts may only take them off it", async () => {
    const other = (await createCourt(db.prisma, "Villefranche-sur-Saône")).id;
    const shared = await createAgent(db.prisma, [courtId, other]);
    const own = await createAgent(db.prisma, courtId);
    const state = async () => {
      const agent = await db.prisma.agent.findUniqueOrThrow({
        where: { id: shared.id },
        include: { courts: true },
      });
      return {
        role: agent.role,
        active: agent.active,
        courts: agent.courts.map((link) => link.courtId).sort(),
      };
    };
    const before = await state();

    const promoted = await changeRole(db.prisma, presidentId, {
      agentId: shared.id,
      role: "PRESIDENT",
    });
    expect(promoted).toMatchObject({ ok: false, message: expect.stringMatching(SHARED) });
    const deactivated = await setActive(db.prisma, presidentId, { agentId: shared.id }, false);
    expect(deactivated).toMatchObject({ ok: false, message: expect.stringMatching(SHARED) });
    expect(await state()).toEqual(before);
    // An agent of this bureau only is deactivated, not taken off.
    expect(await removeFromCourts(db.prisma, presidentId, { agentId: own.id })).toMatchObject({
      ok: false,
      message: "Cet agent ne sert que votre bureau : désactivez-le plutôt.",
    });

    expect(await removeFromCourts(db.prisma, presidentId, { agentId: shared.id })).toEqual({
      ok: true,
    });
    expect(await state()).toEqual({ ...before, courts: [other] });
    const [event] = await db.prisma.auditEvent.findMany({
      where: { action: "agent.removed", actorId: presidentId },
    });
    expect(event?.data).toEqual({ agentId: shared.id, courtIds: courtId });
    // No longer theirs to manage.
    expect(
      await changeRole(db.prisma, presidentId, { agentId: shared.id, role: "INSTRUCTEUR" }),
    ).toMatchObject({
      ok: false,
      message: "Cet agent ne fait pas partie de votre bureau, ou c'est vous.",
    });
  });

  it("keeps a court when the présidents of both take them off at the same moment", async () => {
    const other = (await createCourt(db.prisma, "Villefranche-sur-Saône")).id;
    const shared = await createAgent(db.prisma, [courtId, other]);
    const presidentOfOther = await createAgent(db.prisma, other, { role: "PRESIDENT" });
    const results = await Promise.all(
      [presidentId, presidentOfOther.id].map((id) =>
        removeFromCourts(db.prisma, id, { agentId: shared.id }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({
      message: expect.stringMatching(/désactivez-le plutôt|ne fait pas partie de votre bureau/),
    });
    expect(await db.prisma.agentCourt.count({ where: { agentId: shared.id } })).toBe(1);
  });

  it("is managed by a président of all their courts", async () => {
    const other = (await createCourt(db.prisma, "Villefranche-sur-Saône")).id;
    const shared = await createAgent(db.prisma, [courtId, other]);
    const presidentOfBoth = await createAgent(db.prisma, [courtId, other], { role: "PRESIDENT" });
    expect(
      await changeRole(db.prisma, presidentOfBoth.id, {
        agentId: shared.id,
        role: "VICE_PRESIDENT",
      }),
    ).toEqual({ ok: true });
    expect(await setActive(db.prisma, presidentOfBoth.id, { agentId: shared.id }, false)).toEqual({
      ok: true,
    });
    expect(await db.prisma.agent.findUniqueOrThrow({ where: { id: shared.id } })).toMatchObject({
      role: "VICE_PRESIDENT",
      active: false,
    });
  });
});
