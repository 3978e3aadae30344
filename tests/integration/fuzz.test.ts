/**
 * Fuzzing (property-based, fast-check) of every form and every URL parameter of the service, the
 * citizens' side and the agents' side, through the route modules themselves (loaders and actions),
 * on a test database, with real session cookies (docs/securite.md).
 *
 * Requests are built from random text (ASCII, any code point, graphemes, lone surrogates, control
 * characters), huge values (10 000 to 200 000 characters), numbers as text (huge, negative, NaN,
 * exponents, other digits), dates that do not exist, identifiers that almost are, repeated or
 * missing fields, `__proto__` and `constructor` keys, valid-looking values mixed with garbage. For
 * each request:
 *
 * - never a 500: the route returns a Response or data with a status below 500, or throws a Response
 *   that is a 4xx or a redirect; any other error thrown, or a 5xx, is a failure; a body (PDF, CSV,
 *   JSON) is read to its end, as a stream broken half-way is a failure too; a redirect stays on the
 *   site (or goes to the identity provider, for a login);
 * - never a half-written row: an action that does not redirect (a refusal, field errors) leaves
 *   every table as it was (digest of every row, sessions' last-seen time aside); a page (GET) writes
 *   nothing but its audit trail;
 * - the service keeps working: valid requests succeed after the fuzzing, and the audit trail is
 *   still intact (last describe).
 *
 * What production refuses before the application is refused here by the very same guards
 * (server/http-guards.ts: NUL bytes and escapes that do not decode, in the address or the form;
 * bodies over 1 MB), and by Node (request line and headers over 16 KB: 431): such a request never
 * reaches a route, so it is counted, not sent. At least half of each property's requests must reach
 * the route.
 *
 * Bounded: a fixed seed per property (fast-check prints the seed and the path of a failure, to
 * replay it); FUZZ_SEED changes the seeds, FUZZ_SCALE multiplies the number of runs (deeper runs by
 * hand: FUZZ_SCALE=10).
 */

import type { IncomingHttpHeaders } from "node:http";
import { createCookie } from "@remix-run/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INFORMATION_REQUESTS, REJECTION_MOTIF_CODES } from "~/domain/application/motifs";
import { SUBMITTED_STATUSES } from "~/domain/application/status";
import { OUTCOMES } from "~/domain/eligibility";
import {
  APPLICANT_ROLES,
  CASE_SUBKINDS,
  PROCEDURE_STAGES,
  STEPS,
  type Step,
} from "~/forms/application";
import { HONEYPOT_FIELD } from "~/forms/plain";
import { TAB_NAMES } from "~/forms/queue";
import * as franceConnectStart from "~/routes/auth.franceconnect";
import * as franceConnectCallback from "~/routes/auth.franceconnect_.callback";
import * as queuePage from "~/routes/bureau._index";
import * as agentsPage from "~/routes/bureau.agents";
import * as proConnectStart from "~/routes/bureau.auth";
import * as proConnectCallback from "~/routes/bureau.auth_.callback";
import * as agentLoginPage from "~/routes/bureau.connexion";
import * as agentLogoutReturn from "~/routes/bureau.deconnexion_.retour";
import * as applicationPage from "~/routes/bureau.demandes.$id";
import * as agentDecisionPdf from "~/routes/bureau.demandes.$id_.decision";
import * as exportCsv from "~/routes/bureau.export[.csv]";
import * as journalPage from "~/routes/bureau.journal";
import * as journalJson from "~/routes/bureau.journal[.json]";
import * as batchesPage from "~/routes/bureau.lots._index";
import * as batchPage from "~/routes/bureau.lots.$id";
import * as statisticsPage from "~/routes/bureau.statistiques";
import * as statisticsCsv from "~/routes/bureau.statistiques[.csv]";
import * as loginPage from "~/routes/connexion";
import * as logoutReturn from "~/routes/deconnexion_.retour";
import * as identityStep from "~/routes/demande.identite";
import * as procedureStep from "~/routes/demande.procedure";
import * as recapStep from "~/routes/demande.recapitulatif";
import * as resourcesStep from "~/routes/demande.ressources";
import * as ownApplicationsPage from "~/routes/mes-demandes._index";
import * as ownApplicationPage from "~/routes/mes-demandes.$id";
import * as ownDecisionPdf from "~/routes/mes-demandes.$id_.decision";
import * as receiptPdf from "~/routes/mes-demandes.$id_.recepisse";
import * as simulatorPage from "~/routes/simulateur";
import { processBatch } from "~/server/agent/batches.server";
import { submitDraft } from "~/server/applications.server";
import type { Database } from "~/server/db/connection.server";
import { getAgentSessions, getNotifications, getSessions } from "~/server/services.server";
import { requestGuards } from "../../server/http-guards";
import { createTestDatabase } from "../helpers/database";
import { startFakeFranceConnect } from "../helpers/fake-franceconnect";
import { startFakeProConnect } from "../helpers/fake-proconnect";
import { completeDraft, createAgent, createCitizen, createCourt } from "../helpers/fixtures";
import { bringTo, DECISION, REVIEW_STATES, type ReviewState } from "../helpers/review-states";
import { startSmtpCatcher } from "../helpers/smtp";

// ─── Bounds ──────────────────────────────────────────────────────────────────────────────────────

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_126);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/** Per property (the whole file takes well under two minutes on two cores). */
const TIMEOUT = 120_000 * Math.max(1, SCALE);

/** Runs one property with its own fixed seed (fast-check reports seed and path on failure). */
async function check<T>(
  index: number,
  numRuns: number,
  arbitrary: fc.Arbitrary<T>,
  run: (value: T) => Promise<void>,
) {
  const runs = Math.max(1, Math.round(numRuns * SCALE));
  const before = { ...counts };
  await fc.assert(fc.asyncProperty(arbitrary, run), { numRuns: runs, seed: SEED + index });
  const reached = counts.reached - before.reached;
  const refused = counts.refusedBeforeApp - before.refusedBeforeApp;
  // The fuzzing is not vacuous: most requests get past the guards and reach the route.
  expect(reached).toBeGreaterThanOrEqual((reached + refused) / 2);
}

// ─── What production does before the application ─────────────────────────────────────────────────

const ORIGIN = "http://localhost:3000";
/** server/index.ts (MAX_BODY_BYTES). */
const MAX_BODY_BYTES = 1024 * 1024;
/** Node's default limit of the request line and headers (--max-http-header-size): 431 above. */
const MAX_HEADER_BYTES = 16 * 1024;
const guards = requestGuards({
  appUrl: ORIGIN,
  https: false,
  development: false,
  maxBodyBytes: MAX_BODY_BYTES,
});

/** Just enough of Express's response for the guards to refuse a request. */
function guardResponse() {
  const res = {
    locals: {} as Record<string, unknown>,
    statusCode: 200,
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    setHeader: () => res,
    getHeader: () => undefined,
    type: () => res,
    send: () => res,
  };
  return res;
}

/**
 * Whether the server refuses the request before any route (server/http-guards.ts, run as is; Node
 * for the size of the request line): `target` is the path and query as sent, `body` the form as
 * sent.
 */
function refusedBeforeApp(target: string, body?: string, cookie = ""): boolean {
  if (Buffer.byteLength(target) + Buffer.byteLength(cookie) > MAX_HEADER_BYTES) return true;
  const headers: IncomingHttpHeaders = {
    origin: ORIGIN,
    ...(body === undefined
      ? {}
      : {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": String(Buffer.byteLength(body)),
        }),
  };
  const req = {
    method: body === undefined ? "GET" : "POST",
    originalUrl: target,
    get: (name: string) => headers[name.toLowerCase()],
    is: (types: string[]) => (body === undefined ? false : types[0]),
    body: body === undefined ? undefined : Buffer.from(body),
  };
  let passed = false;
  const next = () => {
    passed = true;
  };
  const [early] = guards.early;
  early?.(req as never, guardResponse() as never, next);
  if (!passed || body === undefined) return !passed;
  // express.raw's limit (413), then the check of the form's bytes (the guards' second handler).
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return true;
  passed = false;
  const checkForm = guards.body[1] as (req: never, res: never, next: () => void) => void;
  checkForm(req as never, guardResponse() as never, next);
  return !passed;
}

/**
 * A URL segment as a browser sends it (lone surrogates become U+FFFD), and the parameter Remix
 * hands the route (decoded, "%2F" read as "/", as @remix-run/router does).
 */
function segment(raw: string) {
  const wellFormed = Buffer.from(raw, "utf8").toString("utf8");
  return { encoded: encodeURIComponent(wellFormed), param: wellFormed.replace(/%2F/g, "/") };
}

/** Segments that a URL normalises away (another route): they never reach a `$param`. */
const reachesParam = (raw: string) => raw !== "" && raw !== "." && raw !== "..";

// ─── Generators ──────────────────────────────────────────────────────────────────────────────────

const PROTO_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "then",
];

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

const unicodeText = fc.string({ unit: "binary", maxLength: 40 });
const graphemes = fc.string({ unit: "grapheme", maxLength: 20 });
const withLoneSurrogates = fc.string({
  unit: fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), loneSurrogate),
  maxLength: 20,
});
const controls = fc.string({ unit: "binary-ascii", maxLength: 30 });

/** A long value: one short pattern repeated to `min`…`max` characters (quick to build). */
const oversized = (min: number, max: number) =>
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom("a", "é", "😀", " ", "%", "0", "9", "<b>", "\u202e", "e\u0301", "\n"),
        fc.string({ unit: "binary", minLength: 1, maxLength: 4 }),
      ),
      fc.integer({ min, max }),
    )
    .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.nat(2_000_000_000).map(String),
  fc.constantFrom(
    "NaN",
    "-NaN",
    "Infinity",
    "-Infinity",
    "1e308",
    "1e309",
    "-1",
    "-0",
    "0",
    "0x1F",
    "0b11",
    "0o7",
    "1_000",
    "1e3",
    "1E-7",
    ".5",
    "5.",
    "00012",
    "12,50",
    "12 500",
    "12\u00a0500 €",
    "12\u202f500,99",
    "١٢",
    "１２",
    "9".repeat(400),
    "2147483648",
    "-2147483649",
    "9007199254740993",
    " 1 ",
    "+1",
    "1/2",
    "½",
    "1.999",
    "100000000.01",
  ),
);

const dayText = fc.oneof(
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10)),
  fc
    .date({ min: new Date("1890-01-01"), max: new Date("2110-01-01"), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10)),
  fc.constantFrom(
    "2026-02-29",
    "2024-02-29",
    "2026-02-30",
    "2026-04-31",
    "0000-00-00",
    "1899-12-31",
    "1900-01-01",
    "2099-12-31",
    "2100-01-01",
    "9999-12-31",
    "+275760-09-13",
    "-000001-01-01",
    "2026-13-01",
    "2026-1-1",
    "2026-01-01T00:00:00Z",
    "31/12/2026",
    "2026-12-31\n",
  ),
);

const uuidLike = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid().map((id) => ` ${id} `),
  fc.uuid().map((id) => id.replaceAll("-", "")),
  fc.uuid().map((id) => `${id}x`),
  fc.uuid().map((id) => id.slice(0, 35)),
  fc.constantFrom(
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "------------------------------------",
  ),
);

const specialText = fc.constantFrom(
  ...PROTO_KEYS,
  "",
  " ",
  "oui",
  "non",
  "on",
  "true",
  "null",
  "undefined",
  "[object Object]",
  "{}",
  "[]",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "%",
  "%00",
  "%zz",
  "%E9",
  "\\",
  "../../etc/passwd",
  "AJ-2026-000001",
  "aj-2026-000001 ",
  "AJ-9999-9999999999999",
  "\u200b",
  "\ufeff",
  "\u0000",
);

/** Anything a field could receive. */
const garbage: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: unicodeText },
  { weight: 2, arbitrary: graphemes },
  { weight: 2, arbitrary: withLoneSurrogates },
  { weight: 1, arbitrary: controls },
  { weight: 3, arbitrary: numberText },
  { weight: 2, arbitrary: dayText },
  { weight: 2, arbitrary: uuidLike },
  { weight: 2, arbitrary: specialText },
  { weight: 1, arbitrary: oversized(10_000, 200_000) },
);

/** The same, short enough to fit in an address (Node refuses request lines over 16 KB). */
const urlGarbage: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: garbage.filter((value) => value.length < 2_000) },
  { weight: 1, arbitrary: oversized(1_000, 12_000) },
);

type Entries = [string, string][];
type Fields = Record<string, fc.Arbitrary<string>>;

/**
 * A form (or query) with these fields: each one valid-looking, garbage, missing or repeated, plus
 * unexpected keys (`__proto__`…), before or after; sometimes entirely random entries.
 */
function formOf(
  fields: Fields,
  value: fc.Arbitrary<string> = garbage,
  /** Fields the route checks first (intent, version…): garbage there hides the rest. */
  strong: Fields = {},
): fc.Arbitrary<Entries> {
  const names = [...Object.keys(strong), ...Object.keys(fields)];
  const key = fc.oneof(
    fc.constantFrom(...(names.length ? names : ["x"]), ...PROTO_KEYS),
    fc.string({ maxLength: 12 }),
    unicodeText,
  );
  /** Each field valid-looking in 24 cases against `noise` × (garbage 3, missing 2, repeated 1). */
  const shaped = (noise: number) => {
    const perField = names.map((name) => {
      const valid = (strong[name] ?? fields[name]) as fc.Arbitrary<string>;
      const n = name in strong ? 1 : noise;
      return fc.oneof(
        { weight: name in strong ? 60 : 24, arbitrary: valid.map((v): Entries => [[name, v]]) },
        { weight: 3 * n, arbitrary: value.map((v): Entries => [[name, v]]) },
        { weight: 2 * n, arbitrary: fc.constant<Entries>([]) },
        {
          weight: n,
          arbitrary: fc
            .array(fc.oneof(valid, value), { minLength: 2, maxLength: 4 })
            .map((values): Entries => values.map((v) => [name, v])),
        },
      );
    });
    const extras = fc.array(fc.tuple(key, value), { maxLength: noise > 1 ? 4 : 1 });
    return fc
      .tuple(fc.tuple(...perField), extras, fc.boolean())
      .map(([parts, extra, first]) =>
        first ? [...extra, ...parts.flat()] : [...parts.flat(), ...extra],
      );
  };
  return fc.oneof(
    // Nearly valid: reaches the deepest code (and sometimes succeeds).
    { weight: 4, arbitrary: shaped(1) },
    // Half garbage.
    { weight: 4, arbitrary: shaped(4) },
    // Nothing expected at all.
    { weight: 1, arbitrary: fc.array(fc.tuple(key, value), { maxLength: 10 }) },
  );
}

const yesNo = fc.constantFrom("oui", "non");
const someText = (max: number) => fc.string({ unit: "grapheme", minLength: 1, maxLength: max });
const amountText = fc.oneof(
  fc.nat(200_000_000).map(String),
  fc.constantFrom("12 500", "12 500,50 €", "0", "100000000"),
);

/** A URL parameter: valid ones (`known`) mixed with garbage. */
const paramOf = (known: fc.Arbitrary<string>) =>
  fc
    .oneof({ weight: 3, arbitrary: known }, { weight: 2, arbitrary: urlGarbage })
    .filter(reachesParam);

/** A return address: local paths, other sites in disguise, garbage. */
const returnAddress = fc.oneof(
  urlGarbage,
  fc.webPath(),
  fc.webUrl(),
  fc.constantFrom(
    "/",
    "/bureau",
    "/mes-demandes",
    "//evil.example",
    "/\\evil.example",
    "/%2F%2Fevil.example",
    "/..//evil.example",
    "\t//evil.example",
    "/bureau/../..//evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "/\u2215\u2215evil.example",
  ),
);

// ─── Running a request ───────────────────────────────────────────────────────────────────────────

type Handler = (args: {
  request: Request;
  params: Record<string, string>;
  context: Record<string, never>;
}) => unknown;

type Outcome = {
  thrown: boolean;
  status: number;
  location: string | null;
  body: unknown;
};

const counts = { reached: 0, refusedBeforeApp: 0 };
let providerOrigins: string[] = [];

/** The outcome of a loader or action; a thrown non-Response error propagates (a failure). */
async function settle(run: () => Promise<unknown>): Promise<Outcome> {
  let value: unknown;
  let thrown = false;
  try {
    value = await run();
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    value = error;
    thrown = true;
  }
  if (value instanceof Response) {
    // Read to the end: a stream (CSV, PDF) that breaks half-way is an error page too.
    const text = await value.text();
    return {
      thrown,
      status: value.status,
      location: value.headers.get("Location"),
      body: text,
    };
  }
  const init = value as { type?: string; data?: unknown; init?: ResponseInit | null };
  if (init && typeof init === "object" && init.type === "DataWithResponseInit") {
    return { thrown, status: init.init?.status ?? 200, location: null, body: init.data };
  }
  return { thrown, status: 200, location: null, body: value };
}

function expectNoServerError(outcome: Outcome, what: string) {
  const context = `${what} → ${outcome.thrown ? "threw" : "returned"} ${outcome.status}`;
  expect(outcome.status, context).toBeLessThan(500);
  expect(outcome.status, context).toBeGreaterThanOrEqual(200);
  if (outcome.thrown) {
    // Thrown: a refusal (4xx) or a redirect, never a page.
    expect(outcome.status >= 300, context).toBe(true);
  }
  if (outcome.status >= 300 && outcome.status < 400) {
    const location = outcome.location ?? "";
    const local =
      location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\");
    const provider = providerOrigins.some((origin) => location.startsWith(`${origin}/`));
    expect(local || provider, `${context} to ${location}`).toBe(true);
  }
}

/** Every table of the schema but `session` (read from the database: a new table is covered). */
let schemaTables: string[] = [];

/** A digest of every row of every table (sessions without their last-seen time, which reads move). */
async function digest(): Promise<Record<string, string>> {
  const aggregate = (rows: string, order: string) =>
    `count(*)::int AS rows, md5(coalesce(string_agg(${rows}, E'\\n' ORDER BY ${order}), '')) AS digest`;
  const parts = schemaTables.map(
    (table) => `SELECT '${table}' AS name, ${aggregate("t::text", "t::text")} FROM "${table}" t`,
  );
  parts.push(
    `SELECT 'session' AS name, ${aggregate(
      "(s.id, s.kind, s.citizen_id, s.agent_id, s.data, s.expires_at)::text",
      "s.id",
    )} FROM session s`,
  );
  const rows = await db.prisma.$queryRawUnsafe<{ name: string; rows: number; digest: string }[]>(
    parts.join(" UNION ALL "),
  );
  return Object.fromEntries(rows.map((row) => [row.name, `${row.rows} ${row.digest}`]));
}

/** The next transaction id PostgreSQL will assign: every write takes one, reads do not. */
async function nextTransactionId(): Promise<string> {
  const [row] = await db.prisma.$queryRaw<{ next: string }[]>`
    SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next`;
  return row?.next ?? "";
}

let lastDigest: { next: string; tables: Record<string, string> } | null = null;

/**
 * The database's digest; recomputed only if a transaction wrote since the last one (the digest is
 * the slow part; on a shared PostgreSQL server, other databases' writes also move the id: then it
 * is simply recomputed every time).
 */
async function snapshot(): Promise<Record<string, string>> {
  const next = await nextTransactionId();
  if (lastDigest?.next === next) return { ...lastDigest.tables };
  const tables = await digest();
  if ((await nextTransactionId()) === next) lastDigest = { next, tables: { ...tables } };
  return tables;
}

/** A success may have started work in the background (mails, a batch). */
let backgroundWork = true;

/** Waits for what earlier successes started in the background (mails, batches). */
async function quiesce(force = false) {
  if (!backgroundWork && !force) return;
  backgroundWork = false;
  await getNotifications().stop();
  const running = await db.prisma.batch.findMany({
    where: { finishedAt: null },
    select: { id: true },
  });
  for (const batch of running) await processBatch(db.prisma, batch.id);
  await getNotifications().stop();
}

type Exercise = {
  handler: Handler;
  /** The route's path, its segments already encoded. */
  path: string;
  query?: Entries;
  params?: Record<string, string>;
  cookie?: string;
  /** A POST of this form (an action); otherwise a GET (a loader). */
  form?: Entries;
  /** An action that answers with data (no redirect) when it succeeds, and writes. */
  writesWithoutRedirect?: boolean;
};

/**
 * Sends one request to a route module, as production would (or counts it as refused before the
 * application), and checks: no 500, and nothing written by a refusal or a page.
 */
async function exercise(e: Exercise): Promise<Outcome | null> {
  const search = e.query ? new URLSearchParams(e.query).toString() : "";
  const target = search ? `${e.path}?${search}` : e.path;
  const body = e.form ? new URLSearchParams(e.form).toString() : undefined;
  if (refusedBeforeApp(target, body, e.cookie)) {
    counts.refusedBeforeApp++;
    return null;
  }
  counts.reached++;
  const headers: Record<string, string> = e.cookie ? { Cookie: e.cookie } : {};
  const request =
    body === undefined
      ? new Request(`${ORIGIN}${target}`, { headers })
      : new Request(`${ORIGIN}${target}`, {
          method: "POST",
          headers: {
            ...headers,
            Origin: ORIGIN,
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body,
        });
  await quiesce();
  const before = await snapshot();
  const what = `${body === undefined ? "GET" : "POST"} ${target.slice(0, 300)}`;
  const outcome = await settle(async () =>
    e.handler({ request, params: e.params ?? {}, context: {} }),
  );
  expectNoServerError(outcome, what);
  const succeeded =
    !outcome.thrown && outcome.status >= 300 && outcome.status < 400 && body !== undefined;
  if (succeeded || e.writesWithoutRedirect) backgroundWork = true;
  if (!succeeded && !e.writesWithoutRedirect) {
    await quiesce();
    const after = await snapshot();
    if (body === undefined) {
      // A page writes nothing but its trace (consultations, downloads).
      delete before.audit_event;
      delete after.audit_event;
    }
    expect(
      after,
      `${what} wrote although it ${outcome.status >= 400 ? "refused" : "answered"} (${outcome.status})`,
    ).toEqual(before);
  }
  return outcome;
}

// ─── The world ───────────────────────────────────────────────────────────────────────────────────

let db: Database;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let fakeFranceConnect: Awaited<ReturnType<typeof startFakeFranceConnect>>;
let fakeProConnect: Awaited<ReturnType<typeof startFakeProConnect>>;
const ENV_NAMES = ["SMTP_URL", "FC_ISSUER", "PROCONNECT_ISSUER", "DGFIP_API_URL"] as const;
const previousEnv: Partial<Record<(typeof ENV_NAMES)[number], string>> = {};

type Court = { id: string; city: string };
let courtA: Court;
let courtB: Court;
let presidentOfA: { id: string; email: string };
let instructeurOfA: { id: string };

/** Cookies of the visitors (name=value; "" for none). */
const cookies = {} as Record<
  | "anonymous"
  | "forged"
  | "citizenOwner"
  | "citizenOther"
  | "citizenFresh"
  | "citizenDrafting"
  | "presidentA"
  | "vicePresidentA"
  | "instructeurA"
  | "instructeurB"
  | "presidentB"
  | "nationalReader",
  string
>;
const citizens = {} as Record<"owner" | "other" | "fresh" | "drafting", { id: string }>;

/** The owner citizen's applications, by state, and applications that are not theirs. */
const ownApplications: string[] = [];
const foreignApplications: string[] = [];
/** Agents a président may manage (never the visitors above), and agents out of reach. */
const managedAgents: string[] = [];
const otherAgents: { id: string; email: string }[] = [];

const nameValue = (setCookie: string) => setCookie.split(";")[0] as string;

async function citizenCookie(citizenId: string) {
  return nameValue(
    await getSessions().create(new Request(ORIGIN), { kind: "CITIZEN", citizenId, data: {} }),
  );
}

async function agentCookie(agentId: string) {
  return nameValue(
    await getAgentSessions().create(new Request(ORIGIN), { kind: "AGENT", agentId, data: {} }),
  );
}

/** A new application of the citizen, submitted to the court. */
async function submitted(citizenId: string, courtId: string) {
  const draft = await completeDraft(db.prisma, citizenId, courtId);
  const result = await submitDraft(db.prisma, { citizenId, applicationId: draft.id });
  if (!result.ok) throw new Error(`Submission failed: ${JSON.stringify(result)}`);
  return result.application;
}

type State = ReviewState;
const STATES = REVIEW_STATES;
const DAY = 24 * 60 * 60 * 1000;

/** Brings a submitted application of court A to `state`, through A's own agents. */
function bring(application: { id: string; version: number }, state: State) {
  return bringTo(db.prisma, application, state, {
    presidentId: presidentOfA.id,
    instructeurId: instructeurOfA.id,
  });
}

const STATE_WHERE: Record<State, object> = {
  SUBMITTED: { status: "SUBMITTED" },
  IN_REVIEW: { status: "IN_REVIEW" },
  INFORMATION_REQUESTED: { status: "INFORMATION_REQUESTED", replyDeadline: { gt: new Date() } },
  INFORMATION_OVERDUE: { status: "INFORMATION_REQUESTED", replyDeadline: { lt: new Date() } },
  DECISION_PROPOSED: { status: "DECISION_PROPOSED" },
  GRANTED: { status: "GRANTED" },
};

/**
 * An application of court A now in `state` (the `pick`-th found), made if the fuzzing used them
 * all up: every state stays reachable for every intent, whatever earlier runs did.
 */
async function applicationOfA(state: State, pick: number) {
  const found = await db.prisma.application.findMany({
    where: { courtId: courtA.id, ...STATE_WHERE[state] },
    orderBy: { id: "asc" },
    take: 5,
    select: { id: true, version: true },
  });
  const chosen = found[pick % Math.max(found.length, 1)];
  if (chosen) return chosen;
  const citizen = await createCitizen(db.prisma);
  return bring(await submitted(citizen.id, courtA.id), state);
}

beforeAll(async () => {
  [smtp, fakeFranceConnect, fakeProConnect] = await Promise.all([
    startSmtpCatcher(),
    startFakeFranceConnect(),
    startFakeProConnect(),
  ]);
  for (const name of ENV_NAMES) previousEnv[name] = process.env[name];
  process.env.SMTP_URL = smtp.url;
  process.env.FC_ISSUER = fakeFranceConnect.issuer;
  process.env.PROCONNECT_ISSUER = fakeProConnect.issuer;
  // Nothing here calls the DGFiP; if something did, an address that answers at once.
  process.env.DGFIP_API_URL = "http://127.0.0.1:9";
  providerOrigins = [fakeFranceConnect.issuer, fakeProConnect.issuer].map(
    (issuer) => new URL(issuer).origin,
  );
  db = await createTestDatabase();
  globalThis.__database = db;
  schemaTables = (
    await db.prisma.$queryRaw<{ name: string }[]>`
      SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`
  )
    .map((table) => table.name)
    .filter((name) => name !== "session");

  courtA = await createCourt(db.prisma, "Arras");
  courtB = await createCourt(db.prisma, "Brest");
  presidentOfA = await createAgent(db.prisma, courtA.id, { role: "PRESIDENT" });
  instructeurOfA = await createAgent(db.prisma, courtA.id, { role: "INSTRUCTEUR" });

  // The citizens: one with an application in every state and a draft (court A), another with an
  // application and a draft of court B (no income from the DGFiP), one who never started, one
  // with a complete draft.
  const owner = await createCitizen(db.prisma);
  for (const state of STATES) {
    const app = await bring(await submitted(owner.id, courtA.id), state);
    ownApplications.push(app.id);
  }
  ownApplications.push((await completeDraft(db.prisma, owner.id, courtA.id)).id);
  const other = await createCitizen(db.prisma, { rfr: null });
  foreignApplications.push((await submitted(other.id, courtB.id)).id);
  foreignApplications.push((await completeDraft(db.prisma, other.id, courtB.id)).id);
  const fresh = await createCitizen(db.prisma);
  const drafting = await createCitizen(db.prisma, { rfr: 60_000 });
  await completeDraft(db.prisma, drafting.id, courtA.id);
  Object.assign(citizens, { owner, other, fresh, drafting });
  // A few applications of A in each state for the agents (more are made when used up).
  for (const state of STATES) await applicationOfA(state, 0);

  const agent = async (courtId: string, role: "INSTRUCTEUR" | "PRESIDENT" | "VICE_PRESIDENT") =>
    (await createAgent(db.prisma, courtId, { role })).id;
  for (const role of ["INSTRUCTEUR", "VICE_PRESIDENT", "PRESIDENT"] as const) {
    managedAgents.push(await agent(courtA.id, role));
  }
  managedAgents.push((await createAgent(db.prisma, courtA.id, { active: false })).id);
  otherAgents.push(await createAgent(db.prisma, courtB.id, { role: "PRESIDENT" }));
  otherAgents.push(await createAgent(db.prisma, courtB.id));

  const forged = nameValue(await createCookie("aj_bureau").serialize("x".repeat(43)));
  Object.assign(cookies, {
    anonymous: "",
    forged,
    citizenOwner: await citizenCookie(owner.id),
    citizenOther: await citizenCookie(other.id),
    citizenFresh: await citizenCookie(fresh.id),
    citizenDrafting: await citizenCookie(drafting.id),
    presidentA: await agentCookie(presidentOfA.id),
    vicePresidentA: await agentCookie(await agent(courtA.id, "VICE_PRESIDENT")),
    instructeurA: await agentCookie(instructeurOfA.id),
    instructeurB: await agentCookie(await agent(courtB.id, "INSTRUCTEUR")),
    presidentB: await agentCookie(await agent(courtB.id, "PRESIDENT")),
    nationalReader: await agentCookie(
      (await createAgent(db.prisma, [], { role: "NATIONAL_READER" })).id,
    ),
  });
}, 120_000);

afterAll(async () => {
  await getNotifications().stop();
  globalThis.__database = undefined;
  await db?.close();
  await Promise.all([smtp?.close(), fakeFranceConnect?.close(), fakeProConnect?.close()]);
  for (const name of ENV_NAMES) {
    if (previousEnv[name] === undefined) delete process.env[name];
    else process.env[name] = previousEnv[name];
  }
});

const citizenVisitor = () =>
  fc.constantFrom(
    cookies.citizenOwner,
    cookies.citizenOwner,
    cookies.citizenOther,
    cookies.citizenFresh,
    cookies.citizenDrafting,
    cookies.anonymous,
    cookies.presidentA,
  );
const agentVisitor = () =>
  fc.constantFrom(
    cookies.presidentA,
    cookies.presidentA,
    cookies.presidentA,
    cookies.vicePresidentA,
    cookies.vicePresidentA,
    cookies.instructeurA,
    cookies.instructeurA,
    cookies.instructeurA,
    cookies.instructeurB,
    cookies.presidentB,
    cookies.nationalReader,
    cookies.anonymous,
    cookies.forged,
    cookies.citizenOwner,
  );
const courtIdOf = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(courtA.id, courtB.id) },
    { weight: 1, arbitrary: uuidLike },
  );

// ─── The citizens' side ──────────────────────────────────────────────────────────────────────────

/** Each step's fields, valid-looking (the hidden fields are added for every step). */
const STEP_FIELDS = (): Record<Step, Fields> => ({
  identite: {
    contactEmail: fc.oneof(fc.emailAddress(), fc.constant("angela@example.fr")),
    contactPhone: fc.constantFrom("06 12 34 56 78", "+33612345678", "", "06.12.34.56.78"),
    correspondenceAddress: fc.oneof(fc.constant(""), someText(300)),
  },
  ressources: {
    declaredMovableAssets: amountText,
    declaredRealEstateAssets: amountText,
    seriousCrimeVictim: yesNo,
    legalExpensesInsurance: yesNo,
  },
  procedure: {
    caseKind: fc.constantFrom("CIVIL", "PENAL"),
    caseSubkind: fc.constantFrom(...CASE_SUBKINDS.CIVIL, ...CASE_SUBKINDS.PENAL),
    courtId: courtIdOf(),
    applicantRole: fc.constantFrom(...APPLICANT_ROLES.CIVIL, ...APPLICANT_ROLES.PENAL),
    procedureStage: fc.constantFrom(...PROCEDURE_STAGES),
    adverseParty: fc.oneof(fc.constant(""), someText(200)),
    description: someText(1_980).map((text) => `Mon affaire : ${text}`),
    lawyer: fc.constantFrom("choisi", "designation"),
    lawyerName: someText(120),
    lawyerBar: someText(120),
    urgent: yesNo,
  },
  recapitulatif: { attestation: fc.constant("oui"), electronicExchanges: fc.constant("oui") },
});

/** Placeholders the run replaces with the visitor's current draft (id, version). */
const DRAFT_ID = "{draft-id}";
const DRAFT_VERSION = "{draft-version}";

async function withDraft(form: Entries, cookie: string): Promise<Entries> {
  const visitor = Object.entries(cookies).find(([, value]) => value === cookie)?.[0];
  const owner = {
    citizenOwner: citizens.owner,
    citizenOther: citizens.other,
    citizenFresh: citizens.fresh,
    citizenDrafting: citizens.drafting,
  }[visitor ?? ""];
  const draft = owner
    ? await db.prisma.application.findFirst({
        where: { citizenId: owner.id, status: "DRAFT" },
        select: { id: true, version: true },
      })
    : null;
  return form.map(([key, value]) => [
    key,
    value === DRAFT_ID
      ? (draft?.id ?? "")
      : value === DRAFT_VERSION
        ? String(draft?.version ?? 0)
        : value,
  ]);
}

/** The route of each step of the application form. */
const stepRoutes: Record<Step, { loader: unknown; action: unknown }> = {
  identite: identityStep,
  ressources: resourcesStep,
  procedure: procedureStep,
  recapitulatif: recapStep,
};

describe("fuzzing: the citizens' side", () => {
  it(
    "demande/<étape>: every step's form (POST), with its own fields or another step's",
    async () => {
      const fields = STEP_FIELDS();
      const hidden: Fields = {
        applicationId: fc.oneof(
          { weight: 6, arbitrary: fc.constant(DRAFT_ID) },
          { weight: 1, arbitrary: fc.constant("") },
          { weight: 1, arbitrary: fc.constantFrom(...ownApplications, ...foreignApplications) },
          { weight: 1, arbitrary: uuidLike },
        ),
        version: fc.oneof(
          { weight: 6, arbitrary: fc.constant(DRAFT_VERSION) },
          { weight: 1, arbitrary: fc.nat(5).map(String) },
        ),
      };
      const arbitrary = fc
        .record({
          etape: fc.constantFrom(...STEPS),
          // Mostly the step's own fields; sometimes another step's, posted to this one.
          fieldsOf: fc.oneof(
            { weight: 8, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: fc.constantFrom(...STEPS) },
          ),
        })
        .chain(({ etape, fieldsOf }) =>
          fc.record({
            etape: fc.constant(etape),
            cookie: fc.constantFrom(
              cookies.citizenFresh,
              cookies.citizenFresh,
              cookies.citizenDrafting,
              cookies.citizenDrafting,
              cookies.citizenDrafting,
              cookies.citizenDrafting,
              cookies.citizenOwner,
              cookies.citizenOwner,
              cookies.anonymous,
              cookies.presidentA,
            ),
            form: formOf(fields[fieldsOf ?? etape], garbage, hidden),
          }),
        );
      await check(1, 100, arbitrary, async ({ etape, cookie, form }) => {
        await exercise({
          handler: stepRoutes[etape].action as Handler,
          path: `/demande/${etape}`,
          cookie,
          form: await withDraft(form, cookie),
        });
      });
    },
    TIMEOUT,
  );

  it(
    "mes-demandes/$id: withdrawal and messages (POST), any id",
    async () => {
      const arbitrary = fc.record({
        id: paramOf(fc.constantFrom(...ownApplications, ...foreignApplications)),
        cookie: citizenVisitor(),
        form: formOf({
          intent: fc.constantFrom("reply", "withdraw", "reply", "withdraw", "message"),
          confirm: fc.constantFrom("oui", "non", "on"),
          body: fc.oneof(someText(2_000), oversized(1_990, 2_010)),
        }),
      });
      await check(2, 80, arbitrary, async ({ id, cookie, form }) => {
        const { encoded, param } = segment(id);
        await exercise({
          handler: ownApplicationPage.action as Handler,
          path: `/mes-demandes/${encoded}`,
          params: { id: param },
          cookie,
          form,
        });
      });
    },
    TIMEOUT,
  );

  it(
    "citizens' pages: the steps of demande, mes-demandes/$id, its decision and récépissé (GET)",
    async () => {
      const pages: {
        handler: unknown;
        prefix: string;
        suffix?: string;
        /** The path's parameter, after the prefix; none: the prefix is the whole path. */
        name: string | null;
        known: fc.Arbitrary<string>;
      }[] = [
        ...STEPS.map((step) => ({
          handler: stepRoutes[step].loader,
          prefix: `/demande/${step}`,
          name: null,
          known: fc.constant(""),
        })),
        {
          handler: ownApplicationPage.loader,
          prefix: "/mes-demandes/",
          name: "id",
          known: fc.constantFrom(...ownApplications, ...foreignApplications),
        },
        {
          handler: ownDecisionPdf.loader,
          prefix: "/mes-demandes/",
          suffix: "/decision",
          name: "id",
          known: fc.constantFrom(...ownApplications, ...foreignApplications),
        },
        {
          handler: receiptPdf.loader,
          prefix: "/mes-demandes/",
          suffix: "/recepisse",
          name: "id",
          known: fc.constantFrom(...ownApplications, ...foreignApplications),
        },
      ];
      const arbitrary = fc.nat(pages.length - 1).chain((index) =>
        fc.record({
          index: fc.constant(index),
          value: paramOf((pages[index] as (typeof pages)[number]).known),
          cookie: citizenVisitor(),
          query: formOf({ depot: fc.constant("ok"), message: fc.constant("ok") }, urlGarbage),
        }),
      );
      await check(3, 80, arbitrary, async ({ index, value, cookie, query }) => {
        const page = pages[index] as (typeof pages)[number];
        const { encoded, param } = segment(value);
        await exercise({
          handler: page.handler as Handler,
          path: page.name ? `${page.prefix}${encoded}${page.suffix ?? ""}` : page.prefix,
          params: page.name ? { [page.name]: param } : {},
          query,
          cookie,
        });
      });
    },
    TIMEOUT,
  );

  it(
    "public pages: simulateur, connexion, bureau/connexion, login callbacks, logout returns (GET)",
    async () => {
      const pages: { handler: unknown; path: string; fields: Fields }[] = [
        {
          handler: simulatorPage.loader,
          path: "/simulateur",
          fields: {
            referenceTaxIncome: amountText,
            householdSize: fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), numberText),
            movableAssets: amountText,
            realEstateAssets: amountText,
            seriousCrimeVictim: fc.constant("oui"),
          },
        },
        { handler: loginPage.loader, path: "/connexion", fields: { redirectTo: returnAddress } },
        {
          handler: agentLoginPage.loader,
          path: "/bureau/connexion",
          fields: {
            redirectTo: returnAddress,
            connexion: fc.constant("annulee"),
            compte: fc.constant("desactive"),
            deconnexion: fc.constant("locale"),
          },
        },
        ...[franceConnectCallback, proConnectCallback].map((route, i) => ({
          handler: route.loader,
          path: i === 0 ? "/auth/franceconnect/callback" : "/bureau/auth/callback",
          fields: {
            code: fc.string({ minLength: 1, maxLength: 60 }),
            state: fc.base64String({ minLength: 4, maxLength: 60 }),
            error: fc.constantFrom("access_denied", "login_required", "server_error"),
            error_description: fc.string(),
            iss: fc.constantFrom(fakeFranceConnect.issuer, fakeProConnect.issuer),
          },
        })),
        ...[logoutReturn, agentLogoutReturn].map((route, i) => ({
          handler: route.loader,
          path: i === 0 ? "/deconnexion/retour" : "/bureau/deconnexion/retour",
          fields: { state: fc.base64String({ minLength: 4, maxLength: 60 }) },
        })),
      ];
      const arbitrary = fc.nat(pages.length - 1).chain((index) =>
        fc.record({
          index: fc.constant(index),
          query: formOf((pages[index] as (typeof pages)[number]).fields, urlGarbage),
          cookie: fc.constantFrom(
            cookies.anonymous,
            cookies.anonymous,
            cookies.citizenOwner,
            cookies.presidentA,
          ),
        }),
      );
      await check(4, 100, arbitrary, async ({ index, query, cookie }) => {
        const page = pages[index] as (typeof pages)[number];
        await exercise({ handler: page.handler as Handler, path: page.path, query, cookie });
      });
    },
    TIMEOUT,
  );

  it(
    "login buttons: auth/franceconnect and bureau/auth (POST)",
    async () => {
      const arbitrary = fc.record({
        agents: fc.boolean(),
        form: formOf({
          redirectTo: returnAddress,
          [HONEYPOT_FIELD]: fc.constantFrom("", "", "", "http://spam.example"),
        }),
      });
      await check(5, 50, arbitrary, async ({ agents, form }) => {
        await exercise({
          handler: (agents ? proConnectStart.action : franceConnectStart.action) as Handler,
          path: agents ? "/bureau/auth" : "/auth/franceconnect",
          form,
        });
      });
    },
    TIMEOUT,
  );

  it(
    "any Cookie header, on a citizen's page and an agent's page",
    async () => {
      // What a header may carry (Node refuses control characters; latin-1 passes).
      const cookieText = fc.string({
        unit: fc
          .integer({ min: 0x20, max: 0xff })
          .filter((code) => code !== 0x7f)
          .map((code) => String.fromCharCode(code)),
        maxLength: 120,
      });
      const value = fc.oneof(
        cookieText,
        fc.base64String({ maxLength: 80 }),
        fc.jsonValue().map((json) => Buffer.from(JSON.stringify(json) ?? "").toString("base64")),
        fc.constantFrom(
          cookies.citizenOwner.split("=")[1] ?? "",
          cookies.presidentA.split("=")[1] ?? "",
        ),
      );
      const arbitrary = fc.record({
        agents: fc.boolean(),
        cookie: fc
          .oneof(
            fc
              .tuple(fc.constantFrom("aj_session", "aj_bureau", "__proto__"), value)
              .map(([n, v]) => `${n}=${v}`),
            cookieText,
            fc
              .array(fc.tuple(fc.constantFrom("aj_session", "aj_bureau"), value), { maxLength: 4 })
              .map((pairs) => pairs.map(([n, v]) => `${n}=${v}`).join("; ")),
          )
          .map((text) => text.trim()),
      });
      await check(6, 50, arbitrary, async ({ agents, cookie }) => {
        await exercise({
          handler: (agents ? queuePage.loader : ownApplicationsPage.loader) as Handler,
          path: agents ? "/bureau" : "/mes-demandes",
          cookie,
        });
      });
    },
    TIMEOUT,
  );
});

// ─── The agents' side ────────────────────────────────────────────────────────────────────────────

const INTENT_FIELDS = (): Record<string, Fields> => {
  const decision: Fields = {
    outcome: fc.constantFrom(...OUTCOMES),
    motif: fc.constantFrom("", ...REJECTION_MOTIF_CODES),
    reason: fc.oneof(someText(2_000), fc.constant("")),
  };
  const reason: Fields = { reason: someText(1_000) };
  const body: Fields = { body: fc.oneof(someText(2_000), oversized(1_990, 2_010)) };
  // The box that confirms an act with legal effect: ticked most of the time, so that the acts run.
  const confirm: Fields = { confirm: fc.constantFrom("oui", "oui", "oui", "", "non") };
  return {
    startReview: {},
    resumeReview: {},
    signDecision: confirm,
    recordLapse: confirm,
    requestInformation: {
      template: fc.constantFrom("", ...INFORMATION_REQUESTS.map((request) => request.code)),
      body: fc.oneof(someText(2_000), fc.constant("")),
      deadline: fc.oneof(
        fc
          .integer({ min: -3, max: 100 })
          .map((days) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)),
        fc.constant(""),
      ),
    },
    proposeDecision: decision,
    decide: { ...decision, ...confirm },
    returnToReview: reason,
    transfer: { ...reason, courtId: courtIdOf(), ...confirm },
    message: body,
    note: body,
  };
};

/** Placeholder the run replaces with the application's current version. */
const VERSION = "{version}";

describe("fuzzing: the agents' side", () => {
  it(
    "bureau/demandes/$id: every intent (POST), any id, any role",
    async () => {
      const fields = INTENT_FIELDS();
      const intents = Object.keys(fields);
      const arbitrary = fc
        .oneof(
          { weight: 10, arbitrary: fc.constantFrom(...intents) },
          {
            weight: 1,
            arbitrary: fc.oneof(garbage, fc.constantFrom("DECIDE", "__proto__", "constructor")),
          },
        )
        .chain((intent) =>
          fc.record({
            intent: fc.constant(intent),
            target: fc.oneof(
              {
                weight: 8,
                arbitrary: fc.record({ state: fc.constantFrom(...STATES), pick: fc.nat(4) }),
              },
              {
                weight: 1,
                arbitrary: fc.constantFrom(...foreignApplications).map((id) => ({ id })),
              },
              { weight: 1, arbitrary: urlGarbage.filter(reachesParam).map((id) => ({ id })) },
            ),
            cookie: agentVisitor(),
            form: formOf(fields[intent] ?? {}, garbage, {
              intent: fc.constant(intent),
              version: fc.oneof(
                { weight: 8, arbitrary: fc.constant(VERSION) },
                { weight: 1, arbitrary: fc.nat(10).map(String) },
              ),
            }),
          }),
        );
      await check(7, 150, arbitrary, async ({ target, cookie, form }) => {
        const app =
          "id" in target
            ? { id: target.id, version: 1 }
            : await applicationOfA(target.state, target.pick);
        const { encoded, param } = segment(app.id);
        await exercise({
          handler: applicationPage.action as Handler,
          path: `/bureau/demandes/${encoded}`,
          params: { id: param },
          cookie,
          form: form.map(([key, value]) => [key, value === VERSION ? String(app.version) : value]),
        });
      });
    },
    TIMEOUT,
  );

  it(
    "bureau/agents: add, role, deactivate, reactivate (POST)",
    async () => {
      const agentId = fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...managedAgents) },
        {
          weight: 2,
          arbitrary: fc.constantFrom(presidentOfA.id, ...otherAgents.map((agent) => agent.id)),
        },
        { weight: 1, arbitrary: uuidLike },
      );
      const role = fc.constantFrom("INSTRUCTEUR", "VICE_PRESIDENT", "PRESIDENT", "NATIONAL_READER");
      const arbitrary = fc.record({
        cookie: fc.constantFrom(
          cookies.presidentA,
          cookies.presidentA,
          cookies.presidentA,
          cookies.presidentB,
          cookies.instructeurA,
          cookies.anonymous,
        ),
        form: formOf(
          {
            email: fc.oneof(
              fc.emailAddress(),
              fc.constantFrom(
                presidentOfA.email,
                presidentOfA.email.toUpperCase(),
                ` ${otherAgents[0]?.email} `,
              ),
            ),
            givenName: someText(100),
            usualName: someText(100),
            role,
            courtId: courtIdOf(),
            agentId,
          },
          garbage,
          { intent: fc.constantFrom("add", "role", "deactivate", "reactivate") },
        ),
      });
      await check(8, 80, arbitrary, async ({ cookie, form }) => {
        await exercise({
          handler: agentsPage.action as Handler,
          path: "/bureau/agents",
          cookie,
          form,
        });
      });
    },
    TIMEOUT,
  );

  /** A pagination cursor, made by hand: base64url of [urgent, instant, id], or near it. */
  const cursor = () =>
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom<unknown>(0, 1, "1", true, null, 2),
          fc.oneof(
            fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
            fc
              .date({
                min: new Date("1990-01-01"),
                max: new Date("2100-01-01"),
                noInvalidDate: true,
              })
              .map((date) => date.toISOString()),
            fc.constantFrom<unknown>(
              "2026-02-30T00:00:00Z",
              "2026-02-29T00:00:00Z",
              "1899-12-31T23:59:59Z",
              "2199-12-31T23:59:59.999+14:00",
              "2026-01-01T00:00:00+25:00",
              "2026-01-01T24:00:00Z",
              "+275760-09-13T00:00:00Z",
              "2026-01-01",
              12,
              null,
              {},
            ),
          ),
          fc.oneof(fc.uuid(), uuidLike, fc.constantFrom<unknown>(...ownApplications, 1, null)),
        )
        .map((parts) => Buffer.from(JSON.stringify(parts)).toString("base64url")),
      fc.jsonValue().map((json) => Buffer.from(JSON.stringify(json) ?? "").toString("base64url")),
      fc.base64String({ maxLength: 100 }),
      urlGarbage,
    );

  /** The queue's URL (tab, filters, search, order, cursor), valid-looking. */
  const queueFields = (): Fields => ({
    onglet: fc.constantFrom(...TAB_NAMES),
    suivies: fc.constant("1"),
    resultat: fc.constantFrom(...OUTCOMES),
    urgent: fc.constant("1"),
    nature: fc.constantFrom("CIVIL", "PENAL"),
    du: dayText,
    au: dayText,
    tribunal: courtIdOf(),
    statut: fc.constantFrom(...SUBMITTED_STATUSES),
    q: fc.oneof(
      fc.constantFrom("dubois", "DUBOIS Angela", "AJ-2026-000001", "aj-2026-000002", "é", "z"),
      someText(100),
    ),
    tri: fc.constantFrom("ancien", "recent"),
    apres: cursor(),
    lot: fc.constant("vide"),
  });

  it(
    "bureau/lots: a batch from a selection or from the filters (POST), its confirmation (GET)",
    async () => {
      const item = fc.oneof(
        {
          weight: 4,
          arbitrary: fc
            .record({
              state: fc.constantFrom<State>("SUBMITTED", "DECISION_PROPOSED"),
              pick: fc.nat(4),
            })
            .map(({ state, pick }) => `{item:${state}:${pick}}`),
        },
        {
          weight: 1,
          arbitrary: fc.tuple(uuidLike, numberText).map(([id, version]) => `${id}:${version}`),
        },
        { weight: 1, arbitrary: fc.constant("------------------------------------:1") },
        { weight: 1, arbitrary: garbage },
      );
      const arbitrary = fc.record({
        post: fc.boolean(),
        cookie: fc.constantFrom(
          cookies.presidentA,
          cookies.presidentA,
          cookies.instructeurA,
          cookies.vicePresidentA,
          cookies.instructeurB,
          cookies.nationalReader,
          cookies.anonymous,
        ),
        selection: fc.array(item, { maxLength: 6 }),
        form: formOf(
          {
            tout: fc.constant("1"),
            nombre: fc.oneof(fc.nat(10).map(String), numberText),
            ...queueFields(),
            change: fc.constant("1"),
            // Signing a selection is confirmed by its box (RGAA 11.12).
            confirme: fc.constantFrom("oui", "oui", ""),
          },
          garbage,
          { type: fc.constantFrom("SIGN", "TAKE") },
        ),
      });
      await check(9, 70, arbitrary, async ({ post, cookie, selection, form }) => {
        const items: Entries = [];
        for (const value of selection) {
          const match = /^\{item:(\w+):(\d)\}$/.exec(value);
          if (!match) items.push(["demande", value]);
          else {
            const app = await applicationOfA(match[1] as State, Number(match[2]));
            items.push(["demande", `${app.id}:${app.version}`]);
          }
        }
        await exercise({
          handler: (post ? batchesPage.action : batchesPage.loader) as Handler,
          path: "/bureau/lots",
          cookie,
          ...(post ? { form: [...form, ...items] } : { query: form }),
        });
      });
    },
    TIMEOUT,
  );

  it(
    "bureau/demandes/$id, its decision, bureau/lots/$id (GET), any id, any role",
    async () => {
      const batches = (await db.prisma.batch.findMany({ select: { id: true } })).map((b) => b.id);
      const pages = [
        { handler: applicationPage.loader, prefix: "/bureau/demandes/", suffix: "" },
        { handler: agentDecisionPdf.loader, prefix: "/bureau/demandes/", suffix: "/decision" },
        { handler: batchPage.loader, prefix: "/bureau/lots/", suffix: "" },
      ];
      const arbitrary = fc.record({
        index: fc.nat(pages.length - 1),
        target: fc.oneof(
          {
            weight: 4,
            arbitrary: fc.record({ state: fc.constantFrom(...STATES), pick: fc.nat(4) }),
          },
          {
            weight: 2,
            arbitrary: paramOf(
              fc.constantFrom(...foreignApplications, ...batches, ...ownApplications),
            ).map((id) => ({ id })),
          },
        ),
        cookie: agentVisitor(),
        query: formOf({ fait: fc.constantFrom("note", "transfer", "__proto__") }, urlGarbage),
      });
      await check(10, 80, arbitrary, async ({ index, target, cookie, query }) => {
        const page = pages[index] as (typeof pages)[number];
        const id =
          "id" in target ? target.id : (await applicationOfA(target.state, target.pick)).id;
        const { encoded, param } = segment(id);
        await exercise({
          handler: page.handler as Handler,
          path: `${page.prefix}${encoded}${page.suffix}`,
          params: { id: param },
          query,
          cookie,
        });
      });
    },
    TIMEOUT,
  );

  it(
    "queue, statistics, exports, journal, agents (GET): any query string, any role",
    async () => {
      const references = (
        await db.prisma.application.findMany({
          where: { reference: { not: null } },
          select: { reference: true },
          take: 5,
        })
      ).map((app) => app.reference as string);
      const statistics: Fields = {
        du: dayText,
        au: dayText,
        tribunal: courtIdOf(),
        tableau: fc.constantFrom(
          "depots",
          "issues",
          "delais",
          "stock",
          "ecarts",
          "tribunaux",
          "__proto__",
        ),
      };
      const pages: { handler: unknown; path: string; fields: Fields }[] = [
        { handler: queuePage.loader, path: "/bureau", fields: queueFields() },
        { handler: exportCsv.loader, path: "/bureau/export.csv", fields: queueFields() },
        { handler: statisticsPage.loader, path: "/bureau/statistiques", fields: statistics },
        { handler: statisticsCsv.loader, path: "/bureau/statistiques.csv", fields: statistics },
        {
          handler: journalPage.loader,
          path: "/bureau/journal",
          fields: {
            reference: fc.oneof(
              fc.constantFrom(...references),
              fc.constantFrom(...references).map((reference) => ` ${reference.toLowerCase()} `),
              fc.constantFrom("AJ-2026-000000", "AJ-0000-000000000000000000000"),
            ),
          },
        },
        { handler: journalJson.loader, path: "/bureau/journal.json", fields: {} },
        {
          handler: agentsPage.loader,
          path: "/bureau/agents",
          fields: { fait: fc.constantFrom("add", "role") },
        },
      ];
      const arbitrary = fc.nat(pages.length - 1).chain((index) =>
        fc.record({
          index: fc.constant(index),
          query: formOf((pages[index] as (typeof pages)[number]).fields, urlGarbage),
          cookie: agentVisitor(),
        }),
      );
      await check(11, 100, arbitrary, async ({ index, query, cookie }) => {
        const page = pages[index] as (typeof pages)[number];
        await exercise({ handler: page.handler as Handler, path: page.path, query, cookie });
      });
    },
    TIMEOUT,
  );

  it(
    "bureau/journal: the verification (POST), any form, any role",
    async () => {
      const arbitrary = fc.record({
        cookie: fc.constantFrom(
          cookies.presidentA,
          cookies.instructeurA,
          cookies.nationalReader,
          cookies.anonymous,
        ),
        form: formOf({ intent: fc.constant("verify") }),
      });
      await check(12, 10, arbitrary, async ({ cookie, form }) => {
        const outcome = await exercise({
          handler: journalPage.action as Handler,
          path: "/bureau/journal",
          cookie,
          form,
          writesWithoutRedirect: cookie === cookies.presidentA,
        });
        if (outcome && cookie === cookies.presidentA) {
          expect(outcome.body).toMatchObject({ verified: { valid: true } });
        }
      });
    },
    TIMEOUT,
  );
});

// ─── Afterwards, the service still works ─────────────────────────────────────────────────────────

describe("after the fuzzing, valid requests still succeed", () => {
  const post = (
    handler: unknown,
    path: string,
    cookie: string,
    form: Record<string, string>,
    params = {},
  ) =>
    settle(async () =>
      (handler as Handler)({
        request: new Request(`${ORIGIN}${path}`, {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(form),
        }),
        params,
        context: {},
      }),
    );
  const get = (handler: unknown, path: string, cookie: string, params = {}) =>
    settle(async () =>
      (handler as Handler)({
        request: new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} }),
        params,
        context: {},
      }),
    );

  it("a citizen applies, writes, and an agent decides", async () => {
    await quiesce();
    const citizen = await createCitizen(db.prisma);
    const cookie = await citizenCookie(citizen.id);
    const step = (etape: Step, form: Record<string, string>) =>
      post(stepRoutes[etape].action, `/demande/${etape}`, cookie, form);
    const draft = async () => {
      const app = await db.prisma.application.findFirst({
        where: { citizenId: citizen.id, status: "DRAFT" },
      });
      return { applicationId: app?.id ?? "", version: String(app?.version ?? 0) };
    };
    expect(
      await step("identite", {
        ...(await draft()),
        contactEmail: "angela@example.fr",
        contactPhone: "",
      }),
    ).toMatchObject({ status: 302, location: "/demande/ressources" });
    expect(
      await step("ressources", {
        ...(await draft()),
        declaredMovableAssets: "1 000",
        declaredRealEstateAssets: "0",
        seriousCrimeVictim: "non",
        legalExpensesInsurance: "non",
      }),
    ).toMatchObject({ status: 302, location: "/demande/procedure" });
    expect(
      await step("procedure", {
        ...(await draft()),
        caseKind: "CIVIL",
        caseSubkind: "Logement",
        courtId: courtA.id,
        applicantRole: "Défendeur",
        procedureStage: "Avant toute procédure",
        description: "Mon propriétaire me réclame des loyers payés.",
        lawyer: "designation",
        urgent: "non",
      }),
    ).toMatchObject({ status: 302, location: "/demande/recapitulatif" });
    const { applicationId } = await draft();
    expect(
      await step("recapitulatif", {
        applicationId,
        version: "0",
        attestation: "oui",
        electronicExchanges: "oui",
      }),
    ).toMatchObject({ status: 302, location: `/mes-demandes/${applicationId}?depot=ok` });
    const path = `/mes-demandes/${applicationId}`;
    expect(await get(ownApplicationPage.loader, path, cookie, { id: applicationId })).toMatchObject(
      {
        status: 200,
        body: { application: { id: applicationId, status: "SUBMITTED" } },
      },
    );
    expect(
      await post(
        ownApplicationPage.action,
        path,
        cookie,
        { body: "Une précision." },
        { id: applicationId },
      ),
    ).toMatchObject({ status: 302 });

    const agentPath = `/bureau/demandes/${applicationId}`;
    const version = async () =>
      String(
        (await db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).version,
      );
    for (const [intent, form] of [
      ["startReview", {}],
      ["note", { body: "Dossier simple." }],
      ["decide", { ...DECISION, confirm: "oui" }],
    ] as const) {
      expect(
        await post(
          applicationPage.action,
          agentPath,
          cookies.presidentA,
          { intent, version: await version(), ...form },
          { id: applicationId },
        ),
      ).toMatchObject({ status: 302, location: `${agentPath}?fait=${intent}` });
    }
    const pdf = await get(agentDecisionPdf.loader, `${agentPath}/decision`, cookies.presidentA, {
      id: applicationId,
    });
    expect(pdf).toMatchObject({ status: 200 });
    expect(String(pdf.body).startsWith("%PDF-")).toBe(true);
  });

  it("a président adds an agent, an instructeur takes a batch, the login buttons answer", async () => {
    const email = `fuzz-after-${Date.now()}@justice.example`;
    expect(
      await post(agentsPage.action, "/bureau/agents", cookies.presidentA, {
        intent: "add",
        email,
        givenName: "Nina",
        usualName: "LEROY",
        role: "INSTRUCTEUR",
        courtId: courtA.id,
      }),
    ).toMatchObject({ status: 302, location: "/bureau/agents?fait=add" });

    const app = await applicationOfA("SUBMITTED", 0);
    const batch = await post(batchesPage.action, "/bureau/lots", cookies.instructeurA, {
      type: "TAKE",
      demande: `${app.id}:${app.version}`,
    });
    expect(batch).toMatchObject({
      status: 302,
      location: expect.stringMatching(/^\/bureau\/lots\//),
    });
    await quiesce(true);
    expect((await db.prisma.application.findUniqueOrThrow({ where: { id: app.id } })).status).toBe(
      "IN_REVIEW",
    );

    for (const [handler, path, provider] of [
      [franceConnectStart.action, "/auth/franceconnect", fakeFranceConnect.issuer],
      [proConnectStart.action, "/bureau/auth", fakeProConnect.issuer],
    ] as const) {
      const start = await post(handler, path, "", { redirectTo: "/" });
      expect(start.status).toBe(303);
      expect(start.location?.startsWith(`${provider}/authorize?`)).toBe(true);
    }
  });

  it("the simulator computes, and the audit trail is intact", async () => {
    const simulator = await get(
      simulatorPage.loader,
      "/simulateur?referenceTaxIncome=9000&householdSize=1&movableAssets=0&realEstateAssets=0",
      "",
    );
    expect(simulator).toMatchObject({ status: 200, body: { result: { outcome: "FULL" } } });
    const verified = await post(journalPage.action, "/bureau/journal", cookies.presidentA, {});
    expect(verified).toMatchObject({ status: 200, body: { verified: { valid: true } } });
  });
});
