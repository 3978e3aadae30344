/**
 * The BAJ's queue: tabs with counters, filters, search, keyset pagination, at national scale
 * (docs/decisions/015). Every page is one SQL statement: a UNION ALL of small ordered index scans,
 * one per (court, status, urgent) — each reads at most a page of rows from the index
 * `(court_id, status, urgent, submitted_at, id, eligibility_outcome, case_kind, assigned_agent_id)`,
 * whose last columns check the filters without reading the table — merged and cut to a page. No
 * OFFSET: the next page starts after the last row seen. Only the agent's courts are ever read.
 */
import { z } from "zod";
import type { ApplicationStatus } from "~/domain/application/status";
import type { OUTCOMES } from "~/domain/eligibility";
import { addDays, parisMidnight, searchable } from "~/domain/french";
import { PAGE_SIZE, type QueueQuery, TAB_NAMES, TABS, type Tab } from "~/forms/queue";
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import type { AgentContext } from "./context.server";

export type QueueRow = {
  id: string;
  reference: string | null;
  status: ApplicationStatus;
  /** What a batch checks before acting (the row as the agent saw it). */
  version: number;
  urgent: boolean;
  submittedAt: Date;
  replyDeadline: Date | null;
  caseKind: "CIVIL" | "PENAL" | null;
  caseSubkind: string | null;
  eligibilityOutcome: (typeof OUTCOMES)[number] | null;
  proposedOutcome: (typeof OUTCOMES)[number] | null;
  givenName: string;
  familyName: string;
  courtCity: string;
  assignedAgentId: string | null;
  assignedName: string | null;
};

type Cursor = { urgent: boolean; at: string; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.urgent ? 1 : 0, cursor.at, cursor.id])).toString(
    "base64url",
  );
}

function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const [urgent, at, id] = JSON.parse(Buffer.from(value, "base64url").toString()) as unknown[];
    // An instant the database can read (the cursor comes back from the URL: anything may be in it).
    if (typeof at !== "string" || !z.iso.datetime({ offset: true }).safeParse(at).success) {
      return null;
    }
    const year = new Date(at).getUTCFullYear();
    if (!(year >= 1900 && year < 2200)) return null;
    if (typeof id !== "string" || !z.uuid().safeParse(id).success) return null;
    return { urgent: urgent === 1, at, id };
  } catch {
    return null;
  }
}

/** The courts this query reads: the agent's, or the one chosen among them. */
function courtsOf(agent: AgentContext, query: QueueQuery): string[] {
  if (query.tribunal) return agent.courtIds.includes(query.tribunal) ? [query.tribunal] : [];
  return agent.courtIds;
}

// Six digits at least: the counter may pass 999 999 in a national year.
const REFERENCE = /^AJ-\d{4}-\d{6,}$/i;

/** A name prefix as stored in `search_name`: lower case, no accents, letters, digits, spaces. */
export function namePrefix(text: string): string {
  return searchable(text)
    .replace(/[^a-z0-9 ]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function filters(agent: AgentContext, query: QueueQuery): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (query.suivies) conditions.push(Prisma.sql`a.assigned_agent_id = ${agent.id}`);
  if (query.resultat) {
    conditions.push(Prisma.sql`a.eligibility_outcome = ${query.resultat}::"eligibility_outcome"`);
  }
  if (query.nature) conditions.push(Prisma.sql`a.case_kind = ${query.nature}::"case_kind"`);
  if (query.du) conditions.push(Prisma.sql`a.submitted_at >= ${parisMidnight(query.du)}`);
  if (query.au) {
    conditions.push(Prisma.sql`a.submitted_at < ${parisMidnight(addDays(query.au, 1))}`);
  }
  const name = query.q && !REFERENCE.test(query.q) ? namePrefix(query.q) : "";
  if (name) {
    // A range the index can use, then the exact prefix test.
    const upper = `${name.slice(0, -1)}${String.fromCharCode(name.charCodeAt(name.length - 1) + 1)}`;
    conditions.push(
      Prisma.sql`a.search_name >= ${name} AND a.search_name < ${upper} AND a.search_name LIKE ${`${name}%`}`,
    );
  }
  return conditions;
}

const and = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;

/** The statuses the query reads. */
function statusesOf(query: QueueQuery): ApplicationStatus[] {
  const statuses: readonly ApplicationStatus[] = TABS[query.onglet].statuses;
  return query.statut ? statuses.filter((status) => status === query.statut) : [...statuses];
}

/** A search by reference (« AJ-2026-000123 », any case) rather than by name. */
function referenceSearch(query: QueueQuery): string | null {
  return query.q && REFERENCE.test(query.q) ? query.q.toUpperCase() : null;
}

/**
 * The one statement `queuePage` runs (exported for tests/integration/queue-plans.test.ts, which
 * EXPLAINs it); null when nothing can match (no court of the agent's, no status of the tab).
 */
export function queueSql(
  agent: AgentContext,
  query: QueueQuery,
  pageSize = PAGE_SIZE,
): Prisma.Sql | null {
  const courts = courtsOf(agent, query);
  if (courts.length === 0) return null;
  const reference = referenceSearch(query);
  if (reference) {
    return pageSql(
      Prisma.sql`SELECT a.* FROM application a WHERE a.reference = ${reference}
        AND a.court_id IN (${Prisma.join(courts)}) AND a.status <> 'DRAFT'`,
      Prisma.raw("ORDER BY page.id"),
    );
  }
  const statuses = statusesOf(query);
  if (statuses.length === 0) return null;
  const cursor = decodeCursor(query.apres);
  const where = filters(agent, query);
  const limit = pageSize + 1;
  const parts: Prisma.Sql[] = [];
  let order: (alias: string) => Prisma.Sql;

  if (query.onglet === "en-attente") {
    // Overdue first: by reply deadline, then id.
    const after = cursor
      ? Prisma.sql`(a.reply_deadline, a.id) > (${new Date(cursor.at)}, ${cursor.id})`
      : Prisma.sql`TRUE`;
    for (const court of courts) {
      parts.push(Prisma.sql`(SELECT a.* FROM application a
        WHERE a.court_id = ${court} AND a.status = 'INFORMATION_REQUESTED' AND ${after}
          AND ${query.urgent ? Prisma.sql`a.urgent` : Prisma.sql`TRUE`} AND ${and(where)}
        ORDER BY a.reply_deadline, a.id LIMIT ${limit})`);
    }
    order = (alias) => Prisma.raw(`ORDER BY ${alias}.reply_deadline, ${alias}.id`);
  } else {
    const desc = query.tri === "recent";
    const direction = Prisma.raw(desc ? "DESC" : "ASC");
    const compare = desc ? Prisma.sql`<` : Prisma.sql`>`;
    const urgencies = query.urgent ? [true] : [true, false];
    for (const court of courts) {
      for (const status of statuses) {
        for (const urgent of urgencies) {
          // Urgent rows all come before the others: a cursor among the others skips them.
          if (cursor && urgent && !cursor.urgent) continue;
          const after =
            cursor && cursor.urgent === urgent
              ? Prisma.sql`(a.submitted_at, a.id) ${compare} (${new Date(cursor.at)}, ${cursor.id})`
              : Prisma.sql`TRUE`;
          parts.push(Prisma.sql`(SELECT a.* FROM application a
            WHERE a.court_id = ${court} AND a.status = ${status}::"application_status"
              AND a.urgent = ${urgent} AND ${after} AND ${and(where)}
            ORDER BY a.submitted_at ${direction}, a.id ${direction} LIMIT ${limit})`);
        }
      }
    }
    order = (alias) =>
      Prisma.raw(
        `ORDER BY ${alias}.urgent DESC, ${alias}.submitted_at ${direction.text}, ${alias}.id ${direction.text}`,
      );
  }
  if (parts.length === 0) return null;
  return pageSql(
    Prisma.sql`SELECT * FROM (${Prisma.join(parts, " UNION ALL ")}) merged ${order("merged")} LIMIT ${limit}`,
    order("page"),
  );
}

/**
 * One page of the queue. In « En attente du demandeur » the order is the reply deadline (overdue
 * first); elsewhere urgent first, then by date of submission (oldest first, or newest).
 */
export async function queuePage(
  prisma: PrismaClient,
  agent: AgentContext,
  query: QueueQuery,
  pageSize = PAGE_SIZE,
): Promise<{ rows: QueueRow[]; next: string | null; reference: boolean }> {
  const sql = queueSql(agent, query, pageSize);
  if (!sql) return { rows: [], next: null, reference: false };
  const rows = (await prisma.$queryRaw<RawRow[]>(sql)).map(queueRow);
  if (referenceSearch(query)) return { rows, next: null, reference: true };
  const last = rows.length > pageSize ? rows[pageSize - 1] : undefined;
  const next = last
    ? encodeCursor({
        urgent: last.urgent,
        at: (query.onglet === "en-attente"
          ? (last.replyDeadline ?? last.submittedAt)
          : last.submittedAt
        ).toISOString(),
        id: last.id,
      })
    : null;
  return { rows: rows.slice(0, pageSize), next, reference: false };
}

type RawRow = {
  id: string;
  reference: string | null;
  status: ApplicationStatus;
  version: number;
  urgent: boolean;
  submitted_at: Date;
  reply_deadline: Date | null;
  case_kind: "CIVIL" | "PENAL" | null;
  case_subkind: string | null;
  eligibility_outcome: QueueRow["eligibilityOutcome"];
  proposed_outcome: QueueRow["proposedOutcome"];
  given_name: string;
  family_name: string;
  court_city: string;
  assigned_agent_id: string | null;
  assigned_name: string | null;
};

/** The page's rows with the names they show (joined after the cut: a page of rows at most). */
function pageSql(inner: Prisma.Sql, order: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT page.id, page.reference, page.status, page.version, page.urgent, page.submitted_at,
      page.reply_deadline,
      page.case_kind, page.case_subkind, page.eligibility_outcome, page.proposed_outcome,
      c.given_name, c.family_name, ct.city AS court_city, page.assigned_agent_id,
      CASE WHEN ag.id IS NULL THEN NULL ELSE ag.given_name || ' ' || ag.usual_name END AS assigned_name
    FROM (${inner}) page
    JOIN citizen c ON c.id = page.citizen_id
    JOIN court ct ON ct.id = page.court_id
    LEFT JOIN agent ag ON ag.id = page.assigned_agent_id
    ${order}`;
}

function queueRow(row: RawRow): QueueRow {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    version: row.version,
    urgent: row.urgent,
    submittedAt: row.submitted_at,
    replyDeadline: row.reply_deadline,
    caseKind: row.case_kind,
    caseSubkind: row.case_subkind,
    eligibilityOutcome: row.eligibility_outcome,
    proposedOutcome: row.proposed_outcome,
    givenName: row.given_name,
    familyName: row.family_name,
    courtCity: row.court_city,
    assignedAgentId: row.assigned_agent_id,
    assignedName: row.assigned_name,
  };
}

/** The statuses « suivies par moi » counts: the applications the agent follows and still works on. */
const FOLLOWED: ApplicationStatus[] = ["IN_REVIEW", "INFORMATION_REQUESTED", "DECISION_PROPOSED"];

/**
 * The two statements `queueCounts` runs (exported for the plans test): the number of applications
 * per status in the agent's courts (or the chosen one), and « suivies par moi ». Null: no court.
 */
export function queueCountsSql(
  agent: AgentContext,
  query: Pick<QueueQuery, "tribunal">,
): { byStatus: Prisma.Sql; mine: Prisma.Sql } | null {
  const courts = courtsOf(agent, { ...query } as QueueQuery);
  if (courts.length === 0) return null;
  return {
    byStatus: Prisma.sql`SELECT a.status, count(*)::int AS count FROM application a
      WHERE a.court_id IN (${Prisma.join(courts)}) AND a.status <> 'DRAFT'
      GROUP BY a.status`,
    mine: Prisma.sql`SELECT count(*)::int AS count FROM application a
      WHERE a.assigned_agent_id = ${agent.id} AND a.court_id IN (${Prisma.join(courts)})
        AND a.status IN (${Prisma.join(FOLLOWED.map((status) => Prisma.sql`${status}::"application_status"`))})`,
  };
}

/** Live counters of the tabs (the agent's courts, or the chosen one), and « suivies par moi ». */
export async function queueCounts(
  prisma: PrismaClient,
  agent: AgentContext,
  query: Pick<QueueQuery, "tribunal">,
): Promise<Record<Tab, number> & { mine: number }> {
  const counts = Object.fromEntries(TAB_NAMES.map((tab) => [tab, 0])) as Record<Tab, number>;
  const sql = queueCountsSql(agent, query);
  if (!sql) return { ...counts, mine: 0 };
  const [byStatus, mine] = await Promise.all([
    prisma.$queryRaw<{ status: ApplicationStatus; count: number }[]>(sql.byStatus),
    prisma.$queryRaw<{ count: number }[]>(sql.mine),
  ]);
  for (const { status, count } of byStatus) {
    for (const tab of TAB_NAMES) {
      if ((TABS[tab].statuses as readonly string[]).includes(status)) counts[tab] += count;
    }
  }
  return { ...counts, mine: mine[0]?.count ?? 0 };
}
