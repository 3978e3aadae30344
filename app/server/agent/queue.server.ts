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
    // The person concerned, or the representative who applied for them.
    const prefixOf = (column: Prisma.Sql) =>
      Prisma.sql`(${column} >= ${name} AND ${column} < ${upper} AND ${column} LIKE ${`${name}%`})`;
    conditions.push(
      Prisma.sql`(${prefixOf(Prisma.raw("a.search_name"))} OR ${prefixOf(Prisma.raw("a.representative_search_name"))})`,
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

/** One ordered range of the queue's index: a court, a status, an urgency (« en attente »: any
 * urgency unless the filter asks for urgent ones). */
type Branch = { court: string; status: ApplicationStatus; urgent: boolean | null };

/** The ranges a query reads, in no particular order; none when nothing can match. */
function branchesOf(agent: AgentContext, query: QueueQuery): Branch[] {
  const courts = courtsOf(agent, query);
  const statuses = statusesOf(query);
  if (query.onglet === "en-attente") {
    return statuses.length === 0
      ? []
      : courts.map((court) => ({
          court,
          status: "INFORMATION_REQUESTED",
          urgent: query.urgent ? true : null,
        }));
  }
  const urgencies = query.urgent ? [true] : [true, false];
  return courts.flatMap((court) =>
    statuses.flatMap((status) => urgencies.map((urgent) => ({ court, status, urgent }))),
  );
}

/** Where a range resumes: after this row, in the range's own order. */
type Bound = { at: Date; id: string };

/**
 * The rows of one range in its index order, after `after`, at most `limit` of them; `tag`, when
 * given, is returned as the column `branch` (the export tells its ranges apart by it).
 */
function branchSql(
  query: QueueQuery,
  where: Prisma.Sql[],
  branch: Branch,
  after: Bound | null,
  limit: number,
  tag?: number,
): Prisma.Sql {
  const tagged = tag === undefined ? Prisma.empty : Prisma.sql`${tag}::int AS branch, `;
  if (query.onglet === "en-attente") {
    // Overdue first: by reply deadline, then id.
    return Prisma.sql`(SELECT ${tagged}a.* FROM application a
        WHERE a.court_id = ${branch.court} AND a.status = 'INFORMATION_REQUESTED' AND ${
          after
            ? Prisma.sql`(a.reply_deadline, a.id) > (${after.at}, ${after.id})`
            : Prisma.sql`TRUE`
        }
          AND ${branch.urgent ? Prisma.sql`a.urgent` : Prisma.sql`TRUE`} AND ${and(where)}
        ORDER BY a.reply_deadline, a.id LIMIT ${limit})`;
  }
  const desc = query.tri === "recent";
  const direction = Prisma.raw(desc ? "DESC" : "ASC");
  const compare = desc ? Prisma.sql`<` : Prisma.sql`>`;
  return Prisma.sql`(SELECT ${tagged}a.* FROM application a
            WHERE a.court_id = ${branch.court} AND a.status = ${branch.status}::"application_status"
              AND a.urgent = ${branch.urgent} AND ${
                after
                  ? Prisma.sql`(a.submitted_at, a.id) ${compare} (${after.at}, ${after.id})`
                  : Prisma.sql`TRUE`
              } AND ${and(where)}
            ORDER BY a.submitted_at ${direction}, a.id ${direction} LIMIT ${limit})`;
}

/** The queue's order, as SQL over the rows of `alias` (`first`: a column to sort by before). */
function orderSql(query: QueueQuery, alias: string, first?: string): Prisma.Sql {
  const before = first ? `${alias}.${first}, ` : "";
  if (query.onglet === "en-attente") {
    return Prisma.raw(`ORDER BY ${before}${alias}.reply_deadline, ${alias}.id`);
  }
  const direction = query.tri === "recent" ? "DESC" : "ASC";
  return Prisma.raw(
    `ORDER BY ${before}${alias}.urgent DESC, ${alias}.submitted_at ${direction}, ${alias}.id ${direction}`,
  );
}

/** The same order in JavaScript: whether row `a` comes before row `b` (dates are milliseconds, as
 * stored: `timestamp(3)`; identifiers compare as in the database's C collation). */
function comesBefore(query: QueueQuery): (a: QueueRow, b: QueueRow) => boolean {
  if (query.onglet === "en-attente") {
    return (a, b) => {
      const at = resumeAt(query, a).getTime() - resumeAt(query, b).getTime();
      return at < 0 || (at === 0 && a.id < b.id);
    };
  }
  const sign = query.tri === "recent" ? -1 : 1;
  return (a, b) => {
    if (a.urgent !== b.urgent) return a.urgent;
    const at = (a.submittedAt.getTime() - b.submittedAt.getTime()) * sign;
    return at < 0 || (at === 0 && (sign > 0 ? a.id < b.id : a.id > b.id));
  };
}

/** The date a row's range is ordered by (« en attente »: its reply deadline). */
function resumeAt(query: QueueQuery, row: QueueRow): Date {
  return query.onglet === "en-attente" ? (row.replyDeadline ?? row.submittedAt) : row.submittedAt;
}

/** The key a row's range resumes after. */
function boundOf(query: QueueQuery, row: QueueRow): Bound {
  return { at: resumeAt(query, row), id: row.id };
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
  const cursor = decodeCursor(query.apres);
  const where = filters(agent, query);
  const parts: Prisma.Sql[] = [];
  for (const branch of branchesOf(agent, query)) {
    // Urgent rows all come before the others: a cursor among the others skips them. (« En
    // attente » has one range per court, ordered by deadline: the cursor applies to each.)
    if (cursor && branch.urgent && !cursor.urgent && query.onglet !== "en-attente") continue;
    const resumes =
      cursor && (query.onglet === "en-attente" || cursor.urgent === branch.urgent)
        ? { at: new Date(cursor.at), id: cursor.id }
        : null;
    parts.push(branchSql(query, where, branch, resumes, pageSize + 1));
  }
  if (parts.length === 0) return null;
  return pageSql(
    Prisma.sql`SELECT * FROM (${Prisma.join(parts, " UNION ALL ")}) merged ${orderSql(query, "merged")} LIMIT ${pageSize + 1}`,
    orderSql(query, "page"),
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
  const rows = await prisma.$queryRaw<QueueRow[]>(sql);
  if (referenceSearch(query)) return { rows, next: null, reference: true };
  const last = rows.length > pageSize ? rows[pageSize - 1] : undefined;
  const next = last
    ? encodeCursor({
        urgent: last.urgent,
        at: boundOf(query, last).at.toISOString(),
        id: last.id,
      })
    : null;
  return { rows: rows.slice(0, pageSize), next, reference: false };
}

/**
 * Batches an export holds ahead of its merge at most (being read, or read and not merged yet), each
 * read on a connection of its own, the second started at once. With one statement at a time, the
 * export waited for its reads most of its time; this reads about a quarter faster at 1.2 million
 * applications (decision 030). Holding more gained nothing measurable, and reading on while a
 * slow client keeps the merge waiting grew the memory the export holds
 * (tests/integration/export-memory.test.ts).
 */
const READS_AHEAD = 2;

/**
 * Every row of the query in the queue's order, in chunks of `batchSize` (the CSV export). Each range
 * (court, status, urgency) is read once, by batches after its own last row, and the
 * ranges are merged here. (The pages' statement merges its ranges in SQL, but each of its pages
 * re-reads up to a page of rows per range: at a thousand rows a page, an export read most rows
 * several times.) While rows are merged, the next batches of the ranges that will run out first are
 * read ahead, `READS_AHEAD` of them at most, each on a connection of its own: the database works
 * while the export writes (decision 030). An export holds three of the pool's connections at
 * most. A range's batches start small (a tenth of `batchSize`, 100 rows at least) and double up
 * to `batchSize`: the ranges the export draws from most read the largest batches, the many small
 * ones stay small, and the rows held at once stay near a few batches instead of one per range.
 */
export async function* queueRowsInOrder(
  prisma: PrismaClient,
  agent: AgentContext,
  query: QueueQuery,
  batchSize: number,
): AsyncGenerator<QueueRow[]> {
  if (referenceSearch(query)) {
    const { rows } = await queuePage(prisma, agent, query);
    if (rows.length) yield rows;
    return;
  }
  const where = filters(agent, query);
  type Range = {
    branch: Branch;
    index: number;
    /** The batch being merged, and how far (the rows merged are let go as they go out). */
    rows: (QueueRow | undefined)[];
    next: number;
    /** Where the next batch starts: after the last row read (merged or ahead). */
    after: Bound | null;
    /** The last batch read was short: nothing after `after`. */
    done: boolean;
    /** How many rows its next batch asks for. */
    size: number;
    ahead: Promise<QueueRow[]> | null;
  };
  const ranges: Range[] = branchesOf(agent, query).map((branch, index) => ({
    branch,
    index,
    rows: [],
    next: 0,
    after: null,
    done: false,
    size: Math.min(batchSize, Math.max(100, Math.ceil(batchSize / 10))),
    ahead: null,
  }));

  /** The next batch of each range, in one statement. */
  const read = async (which: Range[]): Promise<QueueRow[][]> => {
    const parts = which.map((range) =>
      branchSql(query, where, range.branch, range.after, range.size, range.index),
    );
    // Each range is a short ordered index scan: a parallel plan or compiled expressions (JIT) would
    // cost more to start than the scan itself (70 to 180 ms measured at 1.2 million applications).
    const [, rows] = await prisma.$transaction([
      prisma.$executeRaw`SELECT set_config('jit', 'off', true),
        set_config('max_parallel_workers_per_gather', '0', true)`,
      prisma.$queryRaw<(QueueRow & { branch: number })[]>(
        pageSql(Prisma.join(parts, " UNION ALL "), orderSql(query, "page", "branch"), true),
      ),
    ]);
    const slots = new Map(which.map((range, slot) => [range.index, slot]));
    const batches = which.map((): QueueRow[] => []);
    for (const row of rows) batches[slots.get(row.branch) ?? -1]?.push(row);
    which.forEach((range, slot) => {
      const last = batches[slot]?.at(-1);
      range.done = (batches[slot]?.length ?? 0) < range.size;
      range.size = Math.min(batchSize, range.size * 2);
      if (last) range.after = boundOf(query, last);
    });
    return batches;
  };

  const before = comesBefore(query);
  /** Batches read ahead and not merged yet: being read, or read and waiting for the merge. */
  let held = 0;
  let mayReadAhead = true;
  const readAhead = () => {
    if (held >= READS_AHEAD || !mayReadAhead) return;
    // The range whose batch ends first in the queue's order runs out first.
    let soonest: { range: Range; last: QueueRow } | undefined;
    for (const range of ranges) {
      const last = range.rows.at(-1);
      if (range.done || range.ahead || !last || range.next === range.rows.length) continue;
      if (!soonest || before(last, soonest.last)) soonest = { range, last };
    }
    mayReadAhead = Boolean(soonest);
    if (!soonest) return;
    held++;
    const ahead = read([soonest.range]).then(([rows]) => rows ?? []);
    soonest.range.ahead = ahead;
    // Its failure is thrown where the rows are awaited (or nowhere if the export was cancelled).
    ahead.catch(() => undefined);
    // The next one at once, up to READS_AHEAD held.
    readAhead();
  };

  let chunk: QueueRow[] = [];
  for (;;) {
    const empty = ranges.filter(
      (range) => range.next === range.rows.length && (range.ahead || !range.done),
    );
    if (empty.length) {
      const direct = empty.filter((range) => !range.ahead);
      const waited = empty.filter((range) => range.ahead);
      const [fresh, taken] = await Promise.all([
        direct.length ? read(direct) : Promise.resolve([]),
        Promise.all(waited.map((range) => range.ahead ?? Promise.resolve([]))),
      ]);
      direct.forEach((range, slot) => {
        range.rows = fresh[slot] ?? [];
        range.next = 0;
      });
      waited.forEach((range, slot) => {
        range.rows = taken[slot] ?? [];
        range.next = 0;
        range.ahead = null;
        held--;
      });
      mayReadAhead = true;
    }
    readAhead();
    let first: { range: Range; row: QueueRow } | undefined;
    for (const range of ranges) {
      const row = range.rows[range.next];
      if (row && (!first || before(row, first.row))) first = { range, row };
    }
    if (!first) break;
    const { range } = first;
    range.rows[range.next] = undefined;
    range.next++;
    // A range read to its end lets its last batch go.
    if (range.next === range.rows.length && range.done && !range.ahead) {
      range.rows = [];
      range.next = 0;
    }
    chunk.push(first.row);
    if (chunk.length === batchSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/**
 * The page's rows with the names they show (joined after the cut: a page of rows at most), named
 * as `QueueRow` (no copy per row); `tagged`: with the column `branch` of the inner rows.
 */
function pageSql(inner: Prisma.Sql, order: Prisma.Sql, tagged = false): Prisma.Sql {
  return Prisma.sql`
    SELECT ${tagged ? Prisma.sql`page.branch, ` : Prisma.empty}page.id, page.reference, page.status, page.version,
      page.urgent, page.submitted_at AS "submittedAt", page.reply_deadline AS "replyDeadline",
      page.case_kind AS "caseKind", page.case_subkind AS "caseSubkind",
      page.eligibility_outcome AS "eligibilityOutcome", page.proposed_outcome AS "proposedOutcome",
      c.given_name AS "givenName", c.family_name AS "familyName", ct.city AS "courtCity",
      page.assigned_agent_id AS "assignedAgentId",
      CASE WHEN ag.id IS NULL THEN NULL
        ELSE ag.given_name || ' ' || ag.usual_name END AS "assignedName"
    FROM (${inner}) page
    JOIN citizen c ON c.id = page.citizen_id
    JOIN court ct ON ct.id = page.court_id
    LEFT JOIN agent ag ON ag.id = page.assigned_agent_id
    ${order}`;
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
