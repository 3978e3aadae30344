/**
 * The queue's CSV export (app/server/agent/export.server.ts): what French spreadsheets expect, the
 * same rows in the same order as the queue's pages (its ranges merged whatever the batch size), the
 * agent's courts only, read lazily (memory stays flat), and each export audited with its filters and
 * its row count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchable } from "~/domain/french";
import { parseQueueQuery, type QueueQuery } from "~/forms/queue";
import { type AgentContext, loadAgent } from "~/server/agent/context.server";
import { queueExportStream } from "~/server/agent/export.server";
import { queuePage } from "~/server/agent/queue.server";
import type { Database } from "~/server/db/connection.server";
import { createTestDatabase } from "../helpers/database";
import { createAgent, createCitizen, createCourt } from "../helpers/fixtures";

let db: Database;
let agent: AgentContext;
let courtId: string;
let otherId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  courtId = (await createCourt(db.prisma, "Lyon")).id;
  const other = (await createCourt(db.prisma, "Lille")).id;
  otherId = other;
  const found = await loadAgent(db.prisma, (await createAgent(db.prisma, courtId)).id);
  if (!found) throw new Error("agent");
  agent = found;
  for (let i = 0; i < 23; i++) {
    const citizen = await createCitizen(db.prisma, { rfr: null });
    // Names a spreadsheet would choke on: a « ; », quotes, a formula.
    const familyName =
      i === 0 ? 'DE LA "FONTAINE"; FILS' : i === 1 ? "=HYPERLINK(1)" : `MARTIN${i}`;
    await db.prisma.citizen.update({ where: { id: citizen.id }, data: { familyName } });
    await db.prisma.application.create({
      data: {
        reference: `AJ-2026-${String(700_000 + i).padStart(6, "0")}`,
        status: i % 5 === 0 ? "INFORMATION_REQUESTED" : "SUBMITTED",
        citizenId: citizen.id,
        courtId: i === 22 ? other : courtId,
        urgent: i === 3,
        submittedAt: new Date(Date.UTC(2026, 1, 1 + i, 23, 30)),
        replyDeadline: i % 5 === 0 ? new Date(Date.UTC(2026, 11, 31 - i, 12)) : null,
        caseKind: "CIVIL",
        caseSubkind: "Logement",
        eligibilityOutcome: "FULL",
        searchName: searchable(`${familyName} ${citizen.givenName}`),
      },
    });
  }
});
afterAll(() => db.close());

async function read(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read())
    chunks.push(next.value);
  return Buffer.concat(chunks);
}

/** The references the queue shows, page after page. */
async function pagedReferences(who: AgentContext, query: QueueQuery): Promise<string[]> {
  const references: string[] = [];
  let apres: string | undefined;
  do {
    const page = await queuePage(db.prisma, who, { ...query, apres });
    references.push(...page.rows.map((row) => row.reference ?? ""));
    apres = page.next ?? undefined;
  } while (apres);
  return references;
}

describe("the queue's CSV export", () => {
  it("is what French spreadsheets open, with the queue's rows in its order", async () => {
    const query = parseQueueQuery(new URLSearchParams({ onglet: "toutes" }));
    const bytes = await read(queueExportStream(db.prisma, agent, query, { batchSize: 7 }));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toBe(
      "Référence;Statut;Urgente;Déposée le;Nom;Prénoms;Nature;Affaire;Estimation au dépôt;Décision proposée;Réponse attendue avant;Suivie par;Tribunal",
    );
    // 22 in Lyon; the one in Lille is not the agent's.
    expect(lines).toHaveLength(1 + 22);
    // Urgent first, then the oldest; dates in France (23:30 UTC is the next day in Paris).
    expect(lines[1]).toMatch(/^AJ-2026-700003;Déposée;oui;05\/02\/2026;MARTIN3;/);
    expect(lines[2]).toMatch(
      /^AJ-2026-700000;En attente de précisions;non;02\/02\/2026;"DE LA ""FONTAINE""; FILS";.*;31\/12\/2026;;Lyon$/,
    );
    expect(lines[3]).toContain(`;"'=HYPERLINK(1)";`);
    // The same order as the queue's pages.
    expect(lines.slice(1).map((line) => line.split(";")[0])).toEqual(
      await pagedReferences(agent, query),
    );
  });

  it("merges its ranges into the queue's order, whatever the tab, the sort and the batch size", async () => {
    // An agent of two courts: « en attente » merges one range per court.
    const found = await loadAgent(db.prisma, (await createAgent(db.prisma, [courtId, otherId])).id);
    if (!found) throw new Error("agent");
    for (const [i, status] of (
      ["INFORMATION_REQUESTED", "INFORMATION_REQUESTED", "SUBMITTED"] as const
    ).entries()) {
      const citizen = await createCitizen(db.prisma, { rfr: null });
      await db.prisma.application.create({
        data: {
          reference: `AJ-2026-${String(700_100 + i).padStart(6, "0")}`,
          status,
          citizenId: citizen.id,
          courtId: otherId,
          urgent: i === 2,
          submittedAt: new Date(Date.UTC(2026, 1, 10 + i, 8)),
          replyDeadline:
            status === "SUBMITTED" ? null : new Date(Date.UTC(2026, 11, 14 + i * 10, 12)),
          caseKind: "PENAL",
          eligibilityOutcome: "FULL",
          searchName: searchable(`MARTIN1${i} ${citizen.givenName}`),
        },
      });
    }
    const queries: Record<string, string>[] = [
      { onglet: "toutes", tri: "recent" },
      { onglet: "a-traiter" },
      { onglet: "en-attente" },
      { onglet: "toutes", q: "martin1" },
    ];
    for (const [who, params] of queries.flatMap((params) =>
      [agent, found].map((who) => [who, params] as const),
    )) {
      const query = parseQueueQuery(new URLSearchParams(params));
      const pages = await pagedReferences(who, query);
      expect(pages.length, JSON.stringify(params)).toBeGreaterThan(1);
      for (const batchSize of [1, 2, 3, 50]) {
        const text = (await read(queueExportStream(db.prisma, who, query, { batchSize })))
          .subarray(3)
          .toString("utf8");
        const references = text
          .split("\r\n")
          .slice(1, -1)
          .map((line) => line.split(";")[0]);
        expect(
          references,
          `${who.courtIds.length}, ${JSON.stringify(params)}, ${batchSize}`,
        ).toEqual(pages);
      }
    }
  });

  it("reads lazily, at most one statement ahead, and audits who exported what", async () => {
    let queries = 0;
    const counting = new Proxy(db.prisma, {
      get(target, property, receiver) {
        if (property === "$queryRaw") {
          return (...args: unknown[]) => {
            queries++;
            return (target.$queryRaw as (...a: unknown[]) => unknown)(...args);
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const query = parseQueueQuery(new URLSearchParams({ onglet: "a-traiter", urgent: "" }));
    const reader = queueExportStream(counting, agent, query, { batchSize: 5 }).getReader();
    await reader.read(); // the header, before any query
    expect(queries).toBe(0);
    await reader.read();
    // The first batch of every range in one statement, and the next batch of one range read ahead.
    expect(queries).toBeGreaterThanOrEqual(1);
    expect(queries).toBeLessThanOrEqual(2);
    const first = queries;
    let done = false;
    while (!done) done = (await reader.read()).done;
    // 17 rows in batches of 5: more was read after the first pull, and each range's rows once
    // (at most one statement per batch of a range, and one for their first batches).
    expect(queries).toBeGreaterThan(first);
    expect(queries).toBeLessThanOrEqual(1 + Math.ceil(17 / 5) + 2);
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "queue.exported" },
      orderBy: { sequence: "desc" },
    });
    expect(event).toMatchObject({ actorType: "AGENT", actorId: agent.id, applicationId: null });
    expect(event.data).toEqual({
      filters: { onglet: "a-traiter", tri: "ancien" },
      rows: 17,
      complete: true,
    });
  });

  it("audits an interrupted download as such, and a name searched as « a name » only", async () => {
    const query = parseQueueQuery(new URLSearchParams({ onglet: "toutes", q: "martin" }));
    const reader = queueExportStream(db.prisma, agent, query, { batchSize: 5 }).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "queue.exported" },
      orderBy: { sequence: "desc" },
    });
    expect(event.data).toMatchObject({ rows: 5, complete: false, filters: { recherche: "nom" } });
    expect(JSON.stringify(event.data).toLowerCase()).not.toContain("martin");
  });
});
