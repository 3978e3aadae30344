/**
 * The BAJ's queue (app/server/agent/queue.server.ts) on hand-made applications: tabs, order,
 * filters, search, keyset pagination, courts, counters, and URLs that do not parse.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplicationStatus } from "~/domain/application/status";
import { searchable } from "~/domain/french";
import { PAGE_SIZE, parseQueueQuery, TAB_NAMES, TABS } from "~/forms/queue";
import type { EligibilityOutcome } from "~/generated/prisma/client";
import { type AgentContext, loadAgent } from "~/server/agent/context.server";
import { queueCounts, queuePage } from "~/server/agent/queue.server";
import type { Database } from "~/server/db/connection.server";
import { createTestDatabase } from "../helpers/database";
import { createAgent, createCourt } from "../helpers/fixtures";

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

let counter = 0;

type Make = {
  status?: ApplicationStatus;
  urgent?: boolean;
  submittedAt?: string | Date;
  familyName?: string;
  givenName?: string;
  caseKind?: "CIVIL" | "PENAL";
  eligibility?: EligibilityOutcome | null;
  replyDeadline?: string | Date;
  assignedAgentId?: string;
  /** Applied for someone else: the person concerned (the citizen is the representative). */
  beneficiary?: { familyName: string; givenName: string };
};

/** A submitted application (and its citizen) written directly, as the state machine leaves it. */
async function make(courtId: string, options: Make = {}) {
  const n = ++counter;
  const familyName = options.familyName ?? "MARTIN";
  const givenName = options.givenName ?? `Paul${n}`;
  const status = options.status ?? "SUBMITTED";
  const citizen = await db.prisma.citizen.create({
    data: {
      fcSub: `${randomUUID().replaceAll("-", "")}${randomUUID().replaceAll("-", "")}v1`,
      givenName,
      familyName,
      birthdate: "1980-01-01",
      gender: "female",
      birthplace: "75107",
      birthcountry: "99100",
    },
  });
  return db.prisma.application.create({
    data: {
      reference: status === "DRAFT" ? null : `AJ-2026-${String(900_000 + n).padStart(6, "0")}`,
      status,
      citizenId: citizen.id,
      courtId,
      urgent: options.urgent ?? false,
      submittedAt:
        status === "DRAFT" ? null : new Date(options.submittedAt ?? `2026-02-01T10:00:00Z`),
      caseKind: options.caseKind ?? "CIVIL",
      caseSubkind: options.caseKind === "PENAL" ? "Violences" : "Logement",
      eligibilityOutcome: options.eligibility === undefined ? "FULL" : options.eligibility,
      searchName:
        status === "DRAFT"
          ? null
          : searchable(
              [
                options.beneficiary?.familyName,
                options.beneficiary?.givenName,
                familyName,
                givenName,
              ]
                .filter(Boolean)
                .join(" "),
            ),
      representativeSearchName: options.beneficiary
        ? searchable(`${familyName} ${givenName}`)
        : null,
      replyDeadline: options.replyDeadline
        ? new Date(options.replyDeadline)
        : status === "INFORMATION_REQUESTED"
          ? new Date("2026-12-31T00:00:00Z")
          : null,
      assignedAgentId: options.assignedAgentId ?? null,
      version: 3,
    },
  });
}

const query = (params: Record<string, string> = {}) => parseQueueQuery(new URLSearchParams(params));

async function contextOf(agentId: string): Promise<AgentContext> {
  const agent = await loadAgent(db.prisma, agentId);
  if (!agent) throw new Error("agent not found");
  return agent;
}

async function agentOf(courtIds: string[]) {
  return contextOf((await createAgent(db.prisma, courtIds)).id);
}

async function ids(agent: AgentContext, params: Record<string, string> = {}) {
  return (await queuePage(db.prisma, agent, query(params))).rows.map((row) => row.id);
}

/** Every page of a listing, following `next`. */
async function walk(agent: AgentContext, params: Record<string, string>) {
  const pages: string[][] = [];
  let apres: string | undefined;
  do {
    const page = await queuePage(db.prisma, agent, query(apres ? { ...params, apres } : params));
    pages.push(page.rows.map((row) => row.id));
    apres = page.next ?? undefined;
    if (pages.length > 10) throw new Error("too many pages");
  } while (apres);
  return pages;
}

const ALL_STATUSES: ApplicationStatus[] = [
  "SUBMITTED",
  "IN_REVIEW",
  "INFORMATION_REQUESTED",
  "DECISION_PROPOSED",
  "GRANTED",
  "REJECTED",
  "LAPSED",
  "WITHDRAWN",
];

describe("tabs and counters", () => {
  let agent: AgentContext;
  let courtId: string;
  const byStatus = new Map<string, string>();
  beforeAll(async () => {
    courtId = (await createCourt(db.prisma)).id;
    agent = await agentOf([courtId]);
    for (const status of ALL_STATUSES) {
      const app = await make(courtId, {
        status,
        assignedAgentId: status === "SUBMITTED" ? undefined : agent.id,
      });
      byStatus.set(status, app.id);
    }
    await make(courtId, { status: "DRAFT" });
  });

  it("lists in each tab exactly the statuses of the tab, never a draft", async () => {
    for (const tab of TAB_NAMES) {
      const rows = (await queuePage(db.prisma, agent, query({ onglet: tab }))).rows;
      expect(rows.map((row) => row.status).sort(), tab).toEqual([...TABS[tab].statuses].sort());
    }
    // No tab: « À traiter ».
    expect(await ids(agent)).toEqual([byStatus.get("SUBMITTED")]);
  });

  it("counts every tab and the applications the agent follows and still works on", async () => {
    expect(await queueCounts(db.prisma, agent, query())).toEqual({
      "a-traiter": 1,
      "en-instruction": 1,
      "en-attente": 1,
      "a-signer": 1,
      traitees: 4,
      toutes: 8,
      // In review, waiting for the citizen, to sign; not the decided ones it also took.
      mine: 3,
    });
  });

  it("shows the rows' names, court and follower", async () => {
    const [row] = (await queuePage(db.prisma, agent, query({ onglet: "en-instruction" }))).rows;
    expect(row).toMatchObject({
      familyName: "MARTIN",
      courtCity: "Paris",
      assignedAgentId: agent.id,
      assignedName: "Camille MARTIN",
      status: "IN_REVIEW",
    });
  });
});

describe("order", () => {
  let agent: AgentContext;
  let courtId: string;
  beforeAll(async () => {
    courtId = (await createCourt(db.prisma)).id;
    agent = await agentOf([courtId]);
  });

  it("puts urgent applications first, then the oldest; tri=recent the newest", async () => {
    const old = await make(courtId, { submittedAt: "2026-01-05T09:00:00Z" });
    const urgentRecent = await make(courtId, { submittedAt: "2026-01-20T09:00:00Z", urgent: true });
    const recent = await make(courtId, { submittedAt: "2026-01-25T09:00:00Z" });
    const urgentOld = await make(courtId, { submittedAt: "2026-01-10T09:00:00Z", urgent: true });
    expect(await ids(agent)).toEqual([urgentOld.id, urgentRecent.id, old.id, recent.id]);
    expect(await ids(agent, { tri: "recent" })).toEqual([
      urgentRecent.id,
      urgentOld.id,
      recent.id,
      old.id,
    ]);
  });

  it("orders « en attente » by reply deadline, the overdue first", async () => {
    const now = Date.now();
    const later = await make(courtId, {
      status: "INFORMATION_REQUESTED",
      submittedAt: "2026-01-01T09:00:00Z",
      replyDeadline: new Date(now + 20 * 86_400_000),
    });
    const overdue = await make(courtId, {
      status: "INFORMATION_REQUESTED",
      submittedAt: "2026-01-20T09:00:00Z",
      replyDeadline: new Date(now - 2 * 86_400_000),
    });
    const soon = await make(courtId, {
      status: "INFORMATION_REQUESTED",
      submittedAt: "2026-01-10T09:00:00Z",
      replyDeadline: new Date(now + 5 * 86_400_000),
    });
    const page = await queuePage(db.prisma, agent, query({ onglet: "en-attente" }));
    expect(page.rows.map((row) => row.id)).toEqual([overdue.id, soon.id, later.id]);
    expect(page.rows[0]?.replyDeadline?.getTime()).toBeLessThan(now);
    // « Urgentes seulement » applies here too.
    const urgent = await make(courtId, {
      status: "INFORMATION_REQUESTED",
      urgent: true,
      replyDeadline: new Date(now + 9 * 86_400_000),
    });
    const urgentOnly = await queuePage(
      db.prisma,
      agent,
      query({ onglet: "en-attente", urgent: "1" }),
    );
    expect(urgentOnly.rows.map((row) => row.id)).toEqual([urgent.id]);
  });

  it("finds a reference past the millionth of the year (seven digits)", async () => {
    const big = await make(courtId);
    await db.prisma.application.update({
      where: { id: big.id },
      data: { reference: "AJ-2026-1000042" },
    });
    const page = await queuePage(db.prisma, agent, query({ q: "aj-2026-1000042" }));
    expect(page).toMatchObject({ reference: true });
    expect(page.rows.map((row) => row.id)).toEqual([big.id]);
  });
});

describe("filters and search", () => {
  let agent: AgentContext;
  let twoCourts: AgentContext;
  let courtId: string;
  let otherCourtId: string;
  let foreignCourtId: string;
  const apps: Record<string, string> = {};
  let foreignReference: string;
  let leroyReference: string;
  beforeAll(async () => {
    courtId = (await createCourt(db.prisma)).id;
    otherCourtId = (await createCourt(db.prisma, "Bobigny")).id;
    foreignCourtId = (await createCourt(db.prisma, "Lyon")).id;
    agent = await agentOf([courtId]);
    twoCourts = await agentOf([courtId, otherCourtId]);
    const add = async (name: string, courtIdOf: string, options: Make) => {
      const app = await make(courtIdOf, options);
      apps[name] = app.id;
      return app;
    };
    const leroy = await add("leroy", courtId, {
      familyName: "LEROY",
      givenName: "Jeanne",
      eligibility: "PARTIAL_55",
      submittedAt: "2026-03-09T23:30:00Z", // 10 March, 00:30 in Paris (UTC+1)
    });
    leroyReference = leroy.reference ?? "";
    await add("lerouge", courtId, {
      familyName: "Lérouge",
      givenName: "Éric",
      caseKind: "PENAL",
      submittedAt: "2026-03-10T23:30:00Z", // 11 March, 00:30 in Paris
    });
    await add("lefebvre", courtId, {
      familyName: "LEFEBVRE",
      givenName: "Anne-Sophie",
      urgent: true,
      eligibility: "INELIGIBLE",
      submittedAt: "2026-03-10T22:30:00Z", // 10 March, 23:30 in Paris
    });
    await add("leroyPaul", courtId, {
      familyName: "Leroy",
      givenName: "Paul",
      caseKind: "PENAL",
      eligibility: null,
      submittedAt: "2026-03-09T22:59:00Z", // 9 March, 23:59 in Paris
    });
    await add("granted", courtId, {
      status: "GRANTED",
      familyName: "Dubois",
      givenName: "Ange",
      submittedAt: "2026-02-01T10:00:00Z",
    });
    await add("followed", courtId, {
      status: "IN_REVIEW",
      familyName: "Garnier",
      givenName: "Lucie",
      assignedAgentId: agent.id,
    });
    await add("followedByOther", courtId, {
      status: "IN_REVIEW",
      familyName: "Garnier",
      givenName: "Luc",
      assignedAgentId: twoCourts.id,
    });
    await add("bobigny", otherCourtId, { familyName: "Leroy", givenName: "Bob" });
    const foreign = await add("foreign", foreignCourtId, {
      familyName: "Leroy",
      givenName: "Lyon",
    });
    foreignReference = foreign.reference ?? "";
  });

  const sorted = (names: string[]) => names.map((name) => apps[name]).sort();
  const found = async (params: Record<string, string>, who = agent) =>
    (await ids(who, params)).sort();

  it("filters on the computed eligibility", async () => {
    expect(await found({ resultat: "PARTIAL_55" })).toEqual(sorted(["leroy"]));
    expect(await found({ resultat: "INELIGIBLE" })).toEqual(sorted(["lefebvre"]));
  });

  it("filters the urgent ones", async () => {
    expect(await found({ urgent: "1" })).toEqual(sorted(["lefebvre"]));
    expect(await found({ onglet: "toutes", urgent: "1" })).toEqual(sorted(["lefebvre"]));
  });

  it("filters on the nature of the case", async () => {
    expect(await found({ nature: "PENAL" })).toEqual(sorted(["lerouge", "leroyPaul"]));
  });

  it("filters on days of submission in France, both ends included", async () => {
    expect(await found({ du: "2026-03-10", au: "2026-03-10" })).toEqual(
      sorted(["leroy", "lefebvre"]),
    );
    expect(await found({ du: "2026-03-10" })).toEqual(sorted(["leroy", "lefebvre", "lerouge"]));
    expect(await found({ au: "2026-03-09" })).toEqual(sorted(["leroyPaul"]));
  });

  it("reads one of the agent's courts when asked, and nothing of another court", async () => {
    expect(await found({ tribunal: otherCourtId }, twoCourts)).toEqual(sorted(["bobigny"]));
    expect(await found({ tribunal: otherCourtId })).toEqual([]);
    expect(await found({ tribunal: foreignCourtId }, twoCourts)).toEqual([]);
    expect(await found({ tribunal: randomUUID() }, twoCourts)).toEqual([]);
    expect(await queueCounts(db.prisma, agent, query({ tribunal: foreignCourtId }))).toEqual({
      "a-traiter": 0,
      "en-instruction": 0,
      "en-attente": 0,
      "a-signer": 0,
      traitees: 0,
      toutes: 0,
      mine: 0,
    });
  });

  it("filters on one status of the tab (another status gives nothing)", async () => {
    expect(await found({ onglet: "toutes", statut: "GRANTED" })).toEqual(sorted(["granted"]));
    expect(await found({ onglet: "a-traiter", statut: "GRANTED" })).toEqual([]);
  });

  it("lists the applications the agent follows", async () => {
    expect(await found({ onglet: "toutes", suivies: "1" })).toEqual(sorted(["followed"]));
    expect(await found({ onglet: "en-instruction", suivies: "1" }, twoCourts)).toEqual(
      sorted(["followedByOther"]),
    );
  });

  it("finds an application by its exact reference, in any case, only in the agent's courts", async () => {
    const page = await queuePage(db.prisma, agent, query({ q: leroyReference.toLowerCase() }));
    expect(page).toMatchObject({ reference: true, next: null });
    expect(page.rows.map((row) => row.id)).toEqual([apps.leroy]);
    // Whatever the tab: a reference is looked for everywhere.
    expect(await ids(agent, { onglet: "traitees", q: `  ${leroyReference}  ` })).toEqual([
      apps.leroy,
    ]);
    expect(await ids(agent, { q: foreignReference })).toEqual([]);
    expect(await ids(agent, { q: "AJ-2026-999999" })).toEqual([]);
  });

  it("finds by name prefix, accents and case ignored", async () => {
    expect(await found({ q: "lér" })).toEqual(sorted(["leroy", "lerouge", "leroyPaul"]));
    expect(await found({ q: "LEROY" })).toEqual(sorted(["leroy", "leroyPaul"]));
    expect(await found({ q: "leroy j" })).toEqual(sorted(["leroy"]));
    expect(await found({ q: "Lérouge  Éric" })).toEqual(sorted(["lerouge"]));
    expect(await found({ q: "lefebvre anne-so" })).toEqual(sorted(["lefebvre"]));
    expect(await found({ q: "roy" })).toEqual([]);
    expect(await found({ onglet: "toutes", q: "lér" }, twoCourts)).toEqual(
      sorted(["leroy", "lerouge", "leroyPaul", "bobigny"]),
    );
    // Combined with a filter.
    expect(await found({ q: "ler", nature: "PENAL" })).toEqual(sorted(["lerouge", "leroyPaul"]));
  });

  it("finds an application made for someone else by the name of either person", async () => {
    const court = (await createCourt(db.prisma, "Créteil")).id;
    const clerk = await agentOf([court]);
    const app = await make(court, {
      familyName: "BENOÎT",
      givenName: "Marc",
      beneficiary: { familyName: "VIDAL", givenName: "Rose" },
    });
    for (const q of ["vidal", "Vidal Rose", "benoit", "Benoît Marc"]) {
      expect(await ids(clerk, { q }), q).toEqual([app.id]);
    }
    for (const q of ["rose", "marc", "vidal marc", "benoit rose"]) {
      expect(await ids(clerk, { q }), q).toEqual([]);
    }
  });

  it("treats LIKE wildcards and punctuation as nothing to search", async () => {
    const all = await found({});
    expect(await found({ q: "%" })).toEqual(all);
    expect(await found({ q: "_" })).toEqual(all);
    expect(await found({ q: "ler%" })).toEqual(sorted(["leroy", "lerouge", "leroyPaul"]));
  });
});

describe("keyset pagination", () => {
  let agent: AgentContext;
  let courtId: string;
  type Row = { id: string; urgent: boolean; at: number; deadline: number };
  const rows: Row[] = [];
  beforeAll(async () => {
    courtId = (await createCourt(db.prisma)).id;
    agent = await agentOf([courtId]);
    const statuses: ApplicationStatus[] = ["SUBMITTED", "IN_REVIEW", "GRANTED", "REJECTED"];
    const base = Date.parse("2026-01-01T08:00:00Z");
    for (let i = 0; i < 60; i++) {
      // Three applications share each date: the id breaks the tie.
      const at = base + Math.floor(i / 3) * 3_600_000;
      const app = await make(courtId, {
        status: statuses[i % statuses.length],
        urgent: i % 7 === 0,
        submittedAt: new Date(at),
      });
      rows.push({ id: app.id, urgent: app.urgent, at, deadline: 0 });
    }
  });

  const expected = (recent: boolean) =>
    [...rows]
      .sort(
        (a, b) =>
          Number(b.urgent) - Number(a.urgent) ||
          (recent ? b.at - a.at : a.at - b.at) ||
          (recent ? (a.id < b.id ? 1 : -1) : a.id < b.id ? -1 : 1),
      )
      .map((row) => row.id);

  it("walks all 60 applications in pages of 25, without duplicates or gaps", async () => {
    const pages = await walk(agent, { onglet: "toutes" });
    expect(pages.map((page) => page.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 10]);
    expect(pages.flat()).toEqual(expected(false));
  });

  it("walks them the other way with tri=recent", async () => {
    const pages = await walk(agent, { onglet: "toutes", tri: "recent" });
    expect(pages.map((page) => page.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 10]);
    expect(pages.flat()).toEqual(expected(true));
  });

  it("keeps the filters from page to page", async () => {
    const pages = await walk(agent, { onglet: "toutes", urgent: "1" });
    expect(pages.flat()).toEqual(
      expected(false).filter((id) => rows.find((r) => r.id === id)?.urgent),
    );
    const submitted = await walk(agent, { onglet: "a-traiter" });
    expect(submitted.flat()).toHaveLength(15);
  });

  it("walks « en attente » by deadline across pages", async () => {
    const waiting = await createCourt(db.prisma);
    const waitingAgent = await agentOf([waiting.id]);
    const base = Date.now() - 10 * 86_400_000;
    const made: { id: string; deadline: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const deadline = base + Math.floor(i / 2) * 86_400_000;
      const app = await make(waiting.id, {
        status: "INFORMATION_REQUESTED",
        replyDeadline: new Date(deadline),
        urgent: i % 5 === 0,
      });
      made.push({ id: app.id, deadline });
    }
    const pages = await walk(waitingAgent, { onglet: "en-attente" });
    expect(pages.map((page) => page.length)).toEqual([PAGE_SIZE, 5]);
    expect(pages.flat()).toEqual(
      made.sort((a, b) => a.deadline - b.deadline || (a.id < b.id ? -1 : 1)).map((row) => row.id),
    );
  });

  it("gives an agent of two courts both courts, merged in one order", async () => {
    const second = await createCourt(db.prisma, "Créteil");
    const both = await agentOf([courtId, second.id]);
    const extra = await make(second.id, { submittedAt: "2025-12-31T08:00:00Z" });
    const pages = await walk(both, { onglet: "toutes" });
    expect(pages.flat()).toHaveLength(61);
    expect(new Set(pages.flat()).size).toBe(61);
    // The oldest non-urgent one, from the second court, comes right after the urgent ones.
    const urgentCount = rows.filter((row) => row.urgent).length;
    expect(pages.flat()[urgentCount]).toBe(extra.id);
    const counts = await queueCounts(db.prisma, both, query());
    expect(counts.toutes).toBe(61);
    expect((await queueCounts(db.prisma, agent, query())).toutes).toBe(60);
  });
});

describe("URLs that do not parse", () => {
  let agent: AgentContext;
  let all: string[];
  beforeAll(async () => {
    const court = await createCourt(db.prisma);
    agent = await agentOf([court.id]);
    for (let i = 0; i < 3; i++)
      await make(court.id, { submittedAt: `2026-01-0${i + 1}T10:00:00Z` });
    all = await ids(agent);
  });

  it("drops a bad cursor or bad parameters and shows the first page", async () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const cases: Record<string, string>[] = [
      { apres: "garbage" },
      { apres: "%%%" },
      { apres: forged([1, "not a date", randomUUID()]) },
      { apres: forged([0, "2026-01-01T00:00:00Z", "not-a-uuid"]) },
      { apres: forged({ a: 1 }) },
      { apres: forged(null) },
      { apres: "x".repeat(500) },
      { onglet: "nope" },
      { tri: "sideways" },
      { du: "2026-13-45", au: "hier" },
      { tribunal: "not-a-uuid" },
      { resultat: "EVERYTHING" },
      { nature: "ADMINISTRATIVE" },
      { statut: "DRAFT" },
      { urgent: "yes", suivies: "0" },
      { q: "x".repeat(300) },
    ];
    for (const params of cases) {
      await expect(ids(agent, params), JSON.stringify(params)).resolves.toEqual(all);
      await expect(queueCounts(db.prisma, agent, query(params))).resolves.toMatchObject({
        "a-traiter": 3,
      });
    }
  });

  it("parses what it can and drops the rest", () => {
    expect(
      query({ onglet: "traitees", du: "2026-02-30x", resultat: "FULL", apres: "", q: "  Leroy " }),
    ).toEqual({ onglet: "traitees", resultat: "FULL", q: "Leroy", tri: "ancien" });
  });

  it("answers an agent without a court with nothing", async () => {
    const nobody: AgentContext = { ...agent, courtIds: [] };
    expect(await queuePage(db.prisma, nobody, query())).toEqual({
      rows: [],
      next: null,
      reference: false,
    });
    expect((await queueCounts(db.prisma, nobody, query())).toutes).toBe(0);
  });
});
