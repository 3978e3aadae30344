/**
 * The back-office's authorization matrix: every agents' route and action × every kind of visitor →
 * the expected outcome, through the route modules themselves (loaders and actions), on a test
 * database, with real session cookies (docs/decisions/014).
 *
 * Read MATRIX first: one row per visitor, one column per case. Every case prepares its own rows
 * (an application of court A in the status its event needs, an agent of A to manage…), so that an
 * allowed visitor succeeds and a refused one is refused for its role or its courts, never for a
 * stale status. A refusal must leave the database as it was; a success must write its audit event.
 */

import { randomBytes, randomUUID } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmationOf } from "~/domain/application/events";
import { loader as queueLoader } from "~/routes/bureau._index";
import { action as agentsAction, loader as agentsLoader } from "~/routes/bureau.agents";
import {
  action as applicationAction,
  loader as applicationLoader,
  type Intent,
} from "~/routes/bureau.demandes.$id";
import { loader as decisionLoader } from "~/routes/bureau.demandes.$id_.decision";
import { loader as decisionPageLoader } from "~/routes/bureau.demandes.$id_.document.decision";
import { loader as citizenApplicationsLoader } from "~/routes/mes-demandes._index";
import { returnPathOf } from "~/server/agent/downloads.server";
import type { Database } from "~/server/db/connection.server";
import { getAgentSessions, getNotifications, getSessions } from "~/server/services.server";
import { createTestDatabase } from "../helpers/database";
import {
  completeDraft,
  createAgent,
  createCitizen,
  createCourt,
  submittedApplication,
} from "../helpers/fixtures";
import { bringTo, DECISION, type ReviewState } from "../helpers/review-states";
import { startSmtpCatcher } from "../helpers/smtp";

// ─── The matrix ──────────────────────────────────────────────────────────────────────────────────

const VISITORS = [
  "anonymous", // no cookie at all
  "citizen", // a citizen's own session cookie (aj_session), nothing else
  "forged", // an aj_bureau cookie with a well-formed id that no session has
  "unknownAgent", // an agent session whose agent row is gone (deleted after the login)
  "deactivatedA", // a président of A whose session was opened while active, then active=false
  "instructeurA",
  "instructeurB",
  "presidentA",
  "vicePresidentA",
  "presidentB",
  "nationalReader", // no court
  "nationalReaderLinkedToA", // a national reader linked to court A by mistake (provisioning)
] as const;
type Visitor = (typeof VISITORS)[number];

const APPLICATION_INTENTS = [
  "startReview",
  "requestInformation",
  "resumeReview",
  "proposeDecision",
  "returnToReview",
  "decide",
  "signDecision",
  "recordLapse",
  "transfer",
  "message",
  "note",
] as const satisfies readonly Intent[];

const CASES = [
  "GET /bureau", // the queue (the national reader's « Vue nationale »)
  "GET application of A",
  "GET random uuid",
  "GET non-uuid id",
  "GET draft of A", // a citizen's draft is nobody's business at the BAJ
  "GET decision PDF of A",
  "GET decision page of A",
  "POST note on random uuid",
  ...APPLICATION_INTENTS,
  "GET /bureau/agents",
  "POST agents add",
  "POST agents role",
  "POST agents deactivate",
  "POST agents reactivate",
  "POST agents remove",
] as const;
type Case = (typeof CASES)[number];

/**
 * ok: allowed (a page: 200; an action: its redirect, the change and its audit event) · national:
 * the national figures, no personal data · login: 302 to /bureau/connexion?redirectTo=… ·
 * disabled: 302 to /bureau/connexion?compte=desactive and the session row deleted · 403: the role
 * may not (thrown) · 404: unknown or outside the visitor's courts (thrown) · 409: the state machine
 * refuses the role, with its French message · 422: the président's form refused (other BAJ).
 */
type Expected = "ok" | "national" | "login" | "disabled" | 403 | 404 | 409 | 422;

const everywhere = (expected: Expected) =>
  Object.fromEntries(CASES.map((name) => [name, expected])) as Record<Case, Expected>;

/** What an agent of B, or the national reader, gets on anything of A: nothing, like a random id. */
const OUTSIDE_A = {
  "GET application of A": 404,
  "GET random uuid": 404,
  "GET non-uuid id": 404,
  "GET draft of A": 404,
  "GET decision PDF of A": 404,
  "GET decision page of A": 404,
  "POST note on random uuid": 404,
  startReview: 404,
  requestInformation: 404,
  resumeReview: 404,
  proposeDecision: 404,
  returnToReview: 404,
  decide: 404,
  signDecision: 404,
  recordLapse: 404,
  transfer: 404,
  message: 404,
  note: 404,
} as const satisfies Partial<Record<Case, Expected>>;

/** A role of A on A's applications: unknown ids are 404; events by the role's permissions. */
const A_SIGNER = {
  "GET application of A": "ok",
  "GET random uuid": 404,
  "GET non-uuid id": 404,
  "GET draft of A": 404,
  "GET decision PDF of A": "ok",
  "GET decision page of A": "ok",
  "POST note on random uuid": 404,
  startReview: "ok",
  requestInformation: "ok",
  resumeReview: "ok",
  proposeDecision: "ok",
  returnToReview: "ok",
  decide: "ok",
  signDecision: "ok",
  recordLapse: "ok",
  transfer: "ok",
  message: "ok",
  note: "ok",
} as const satisfies Partial<Record<Case, Expected>>;

const NO_AGENT_MANAGEMENT = {
  "GET /bureau/agents": 403,
  "POST agents add": 403,
  "POST agents role": 403,
  "POST agents deactivate": 403,
  "POST agents reactivate": 403,
  "POST agents remove": 403,
} as const satisfies Partial<Record<Case, Expected>>;

const MATRIX: Record<Visitor, Record<Case, Expected>> = {
  anonymous: everywhere("login"),
  citizen: everywhere("login"),
  forged: everywhere("login"),
  unknownAgent: everywhere("login"),
  deactivatedA: everywhere("disabled"),
  instructeurA: {
    "GET /bureau": "ok",
    ...A_SIGNER,
    // Sign-only events: the state machine refuses the role (409), nothing is written.
    returnToReview: 409,
    decide: 409,
    signDecision: 409,
    recordLapse: 409,
    ...NO_AGENT_MANAGEMENT,
  },
  instructeurB: { "GET /bureau": "ok", ...OUTSIDE_A, ...NO_AGENT_MANAGEMENT },
  presidentA: {
    "GET /bureau": "ok",
    ...A_SIGNER,
    "GET /bureau/agents": "ok",
    "POST agents add": "ok",
    "POST agents role": "ok",
    "POST agents deactivate": "ok",
    "POST agents reactivate": "ok",
    "POST agents remove": "ok",
  },
  vicePresidentA: { "GET /bureau": "ok", ...A_SIGNER, ...NO_AGENT_MANAGEMENT },
  presidentB: {
    "GET /bureau": "ok",
    ...OUTSIDE_A,
    // Its own BAJ's page; acting on A's agents (or adding one to A) is refused, nothing changes.
    "GET /bureau/agents": "ok",
    "POST agents add": 422,
    "POST agents role": 422,
    "POST agents deactivate": 422,
    "POST agents reactivate": 422,
    "POST agents remove": 422,
  },
  nationalReader: { "GET /bureau": "national", ...OUTSIDE_A, ...NO_AGENT_MANAGEMENT },
  // Its role never reaches personal data, whatever agent_court says.
  nationalReaderLinkedToA: { "GET /bureau": "national", ...OUTSIDE_A, ...NO_AGENT_MANAGEMENT },
};

// ─── The world ───────────────────────────────────────────────────────────────────────────────────

const ORIGIN = "http://localhost:3000";
let db: Database;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let previousSmtpUrl: string | undefined;

type Court = { id: string; city: string };
type VisitorState = {
  /** The agent behind the visitor (null: anonymous, citizen, forged). */
  agentId: string | null;
  courts: Court[];
  /** The Cookie header of the visitor's next request ("" for none). */
  cookie: () => Promise<string>;
};

let courtA: Court;
let courtB: Court;
/** Prepares applications of A (takes, asks, decides) outside the matrix, through the services. */
let presidentOfA: { id: string };
let instructeurOfA: { id: string };
const visitors = {} as Record<Visitor, VisitorState>;

const AGENT_COOKIE = "aj_bureau";
const CITIZEN_COOKIE = "aj_session";

/** `name=value` of a new session's Set-Cookie. */
const nameValue = (setCookie: string) => setCookie.split(";")[0] as string;
/** The opaque value of a `name=value` cookie (to present it under the other name). */
const cookieValue = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1);

async function agentCookie(agentId: string) {
  return nameValue(
    await getAgentSessions().create(new Request(ORIGIN), { kind: "AGENT", agentId, data: {} }),
  );
}

async function citizenCookie(citizenId: string) {
  return nameValue(
    await getSessions().create(new Request(ORIGIN), { kind: "CITIZEN", citizenId, data: {} }),
  );
}

async function agentVisitor(
  courts: Court[],
  role: "INSTRUCTEUR" | "PRESIDENT" | "VICE_PRESIDENT" | "NATIONAL_READER",
): Promise<VisitorState> {
  const agent = await createAgent(
    db.prisma,
    courts.map((court) => court.id),
    { role },
  );
  const cookie = await agentCookie(agent.id);
  return { agentId: agent.id, courts, cookie: async () => cookie };
}

beforeAll(async () => {
  // The actions kick the mail dispatcher: let it talk to a local catcher, not to the void.
  smtp = await startSmtpCatcher();
  previousSmtpUrl = process.env.SMTP_URL;
  process.env.SMTP_URL = smtp.url;
  db = await createTestDatabase();
  // The routes reach the database through the process-wide handle: this test's database.
  globalThis.__database = db;

  courtA = await createCourt(db.prisma, "Arras");
  courtB = await createCourt(db.prisma, "Brest");
  presidentOfA = await createAgent(db.prisma, courtA.id, { role: "PRESIDENT" });
  instructeurOfA = await createAgent(db.prisma, courtA.id, { role: "INSTRUCTEUR" });

  const citizen = await submittedApplication(db.prisma, courtA.id);
  const citizenSession = await citizenCookie(citizen.citizen.id);

  const forged = nameValue(
    await createCookie(AGENT_COOKIE).serialize(randomBytes(32).toString("base64url")),
  );

  // Logged in, then the agent row disappeared (the session row goes with it).
  const gone = await createAgent(db.prisma, courtA.id, { role: "PRESIDENT" });
  const goneCookie = await agentCookie(gone.id);
  await db.prisma.agent.delete({ where: { id: gone.id } });

  const deactivated = await createAgent(db.prisma, courtA.id, { role: "PRESIDENT" });

  Object.assign(visitors, {
    anonymous: { agentId: null, courts: [], cookie: async () => "" },
    citizen: { agentId: null, courts: [], cookie: async () => citizenSession },
    forged: { agentId: null, courts: [], cookie: async () => forged },
    unknownAgent: { agentId: gone.id, courts: [courtA], cookie: async () => goneCookie },
    deactivatedA: {
      agentId: deactivated.id,
      courts: [courtA],
      // A session opened while active, then the account deactivated (not through the président's
      // page, which also deletes the sessions): the next request must end it.
      cookie: async () => {
        await db.prisma.agent.update({ where: { id: deactivated.id }, data: { active: true } });
        const cookie = await agentCookie(deactivated.id);
        await db.prisma.agent.update({ where: { id: deactivated.id }, data: { active: false } });
        return cookie;
      },
    },
    instructeurA: await agentVisitor([courtA], "INSTRUCTEUR"),
    instructeurB: await agentVisitor([courtB], "INSTRUCTEUR"),
    presidentA: await agentVisitor([courtA], "PRESIDENT"),
    vicePresidentA: await agentVisitor([courtA], "VICE_PRESIDENT"),
    presidentB: await agentVisitor([courtB], "PRESIDENT"),
    nationalReader: await agentVisitor([], "NATIONAL_READER"),
    nationalReaderLinkedToA: await agentVisitor([courtA], "NATIONAL_READER"),
  } satisfies Record<Visitor, VisitorState>);
});

afterAll(async () => {
  await getNotifications().stop();
  globalThis.__database = undefined;
  await db?.close();
  await smtp?.close();
  if (previousSmtpUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = previousSmtpUrl;
});

// ─── Requests and outcomes ───────────────────────────────────────────────────────────────────────

function request(path: string, cookie: string, form?: Record<string, string>) {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  if (!form) return new Request(`${ORIGIN}${path}`, { headers });
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

const args = (req: Request, params: Record<string, string> = {}) => ({
  request: req,
  params,
  context: {},
});

type Outcome = {
  /** A Response thrown (redirects and errors of requireAgent, 403, 404) rather than returned. */
  thrown: boolean;
  status: number;
  location: string | null;
  setCookie: string | null;
  /** The loader's data, the action's `data()` payload, or the Response itself. */
  body: unknown;
};

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
    return {
      thrown,
      status: value.status,
      location: value.headers.get("Location"),
      setCookie: value.headers.get("Set-Cookie"),
      body: value,
    };
  }
  const init = value as { type?: string; data?: unknown; init?: ResponseInit | null };
  if (init && typeof init === "object" && init.type === "DataWithResponseInit") {
    return {
      thrown,
      status: init.init?.status ?? 200,
      location: null,
      setCookie: null,
      body: init.data,
    };
  }
  return { thrown, status: 200, location: null, setCookie: null, body: value };
}

// ─── The cases ───────────────────────────────────────────────────────────────────────────────────

type Prepared = {
  path: string;
  /** Calls the route module with the visitor's request. */
  run: (cookie: string) => Promise<unknown>;
  /** What a refusal must leave untouched. */
  snapshot: () => Promise<unknown>;
  /** The checks of a success (the outcome, the change, its audit event). */
  allowed?: (outcome: Outcome, visitor: VisitorState) => Promise<void>;
  /** The French message of a refusal (409, 422). */
  refusal?: string;
};

type ApplicationState = "DRAFT" | ReviewState;

/** A new application of court A in the given state, brought there by A's own agents. */
async function applicationOfA(state: ApplicationState): Promise<{ id: string }> {
  if (state === "DRAFT") {
    const citizen = await createCitizen(db.prisma);
    return completeDraft(db.prisma, citizen.id, courtA.id);
  }
  const { application } = await submittedApplication(db.prisma, courtA.id);
  return bringTo(db.prisma, application, state, {
    presidentId: presidentOfA.id,
    instructeurId: instructeurOfA.id,
  });
}

async function applicationSnapshot(id: string) {
  const app = await db.prisma.application.findUnique({ where: { id } });
  return {
    status: app?.status,
    version: app?.version,
    courtId: app?.courtId,
    audit: await db.prisma.auditEvent.count({ where: { applicationId: id } }),
    messages: await db.prisma.message.count({ where: { applicationId: id } }),
    notes: await db.prisma.agentNote.count({ where: { applicationId: id } }),
  };
}

async function auditOf(action: string, actorId: string | null, applicationId?: string) {
  return db.prisma.auditEvent.findMany({
    where: { action, actorId, ...(applicationId ? { applicationId } : {}) },
  });
}

/** What each event needs, leads to, and is refused with (for a role without « sign »). */
const EVENT_CASES: Record<
  (typeof APPLICATION_INTENTS)[number],
  {
    from: ApplicationState;
    form: Record<string, string>;
    /** Status after it, and whether it is a transition (version +1, audit named after it). */
    to: string | null;
    audit: string;
    refusal?: string;
  }
> = {
  startReview: { from: "SUBMITTED", form: {}, to: "IN_REVIEW", audit: "startReview" },
  requestInformation: {
    from: "IN_REVIEW",
    form: { body: "Merci de préciser la date de l'audience." },
    to: "INFORMATION_REQUESTED",
    audit: "requestInformation",
  },
  resumeReview: {
    from: "INFORMATION_REQUESTED",
    form: {},
    to: "IN_REVIEW",
    audit: "resumeReview",
  },
  proposeDecision: {
    from: "IN_REVIEW",
    form: DECISION,
    to: "DECISION_PROPOSED",
    audit: "proposeDecision",
  },
  returnToReview: {
    from: "DECISION_PROPOSED",
    form: { reason: "Vérifier le patrimoine déclaré." },
    to: "IN_REVIEW",
    audit: "returnToReview",
    refusal:
      "« Proposition renvoyée en instruction » est réservé au président ou au vice-président du bureau.",
  },
  decide: {
    from: "IN_REVIEW",
    form: DECISION,
    to: "GRANTED",
    audit: "decide",
    refusal:
      "« Décision prise et signée » est réservé au président ou au vice-président du bureau.",
  },
  signDecision: {
    from: "DECISION_PROPOSED",
    form: {},
    to: "GRANTED",
    audit: "signDecision",
    refusal: "« Décision signée » est réservé au président ou au vice-président du bureau.",
  },
  recordLapse: {
    from: "INFORMATION_OVERDUE",
    form: {},
    to: "LAPSED",
    audit: "recordLapse",
    refusal: "« Caducité constatée » est réservé au président ou au vice-président du bureau.",
  },
  transfer: {
    from: "IN_REVIEW",
    form: { reason: "Le domicile du demandeur relève de Brest." }, // + courtId: B
    to: "SUBMITTED",
    audit: "transfer",
  },
  message: {
    from: "IN_REVIEW",
    form: { body: "Votre dossier est complet." },
    to: null,
    audit: "message.sent",
  },
  note: { from: "IN_REVIEW", form: { body: "Dossier simple." }, to: null, audit: "note.added" },
};

function applicationIntentCase(intent: (typeof APPLICATION_INTENTS)[number]) {
  const spec = EVENT_CASES[intent];
  return async (): Promise<Prepared> => {
    const app = await applicationOfA(spec.from);
    const before = await db.prisma.application.findUniqueOrThrow({ where: { id: app.id } });
    const path = `/bureau/demandes/${app.id}`;
    const form = {
      intent,
      version: String(before.version),
      ...spec.form,
      ...(intent === "transfer" ? { courtId: courtB.id } : {}),
      // Acts with legal effect are confirmed by a box (RGAA 11.12).
      ...(confirmationOf(intent) ? { confirm: "oui" } : {}),
    };
    return {
      path,
      run: (cookie) => applicationAction(args(request(path, cookie, form), { id: app.id })),
      snapshot: () => applicationSnapshot(app.id),
      refusal: spec.refusal,
      async allowed(outcome, visitor) {
        expect(outcome.thrown).toBe(false);
        expect(outcome.status).toBe(302);
        expect(outcome.location).toBe(
          intent === "transfer" ? "/bureau?fait=transfer" : `${path}?fait=${intent}`,
        );
        const after = await db.prisma.application.findUniqueOrThrow({ where: { id: app.id } });
        expect(after.status).toBe(spec.to ?? before.status);
        expect(after.version).toBe(before.version + (spec.to ? 1 : 0));
        if (intent === "transfer") expect(after.courtId).toBe(courtB.id);
        const audit = await auditOf(spec.audit, visitor.agentId, app.id);
        expect(audit).toHaveLength(1);
        if (spec.to) expect(audit[0]?.data).toMatchObject({ from: before.status, to: spec.to });
      },
    };
  };
}

/** GET of an application page for a given id (no change expected except its trace). */
function viewCase(id: () => Promise<string>) {
  return async (): Promise<Prepared> => {
    const applicationId = await id();
    const path = `/bureau/demandes/${applicationId}`;
    return {
      path,
      run: (cookie) => applicationLoader(args(request(path, cookie), { id: applicationId })),
      snapshot: () => applicationSnapshot(applicationId),
      async allowed(outcome, visitor) {
        expect(outcome.thrown).toBe(false);
        expect(outcome.body).toMatchObject({
          application: { id: applicationId, status: "IN_REVIEW" },
          identity: expect.arrayContaining([["Nom", "DUBOIS"]]),
        });
        // Each consultation of personal data is traced.
        expect(await auditOf("application.viewed", visitor.agentId, applicationId)).toHaveLength(1);
      },
    };
  };
}

async function agentSnapshot(agentId: string) {
  const agent = await db.prisma.agent.findUnique({
    where: { id: agentId },
    include: { courts: true },
  });
  return {
    role: agent?.role,
    active: agent?.active,
    courts: agent?.courts.map((link) => link.courtId),
    sessions: await db.prisma.session.count({ where: { agentId } }),
    audit: await db.prisma.auditEvent.count({ where: { action: { startsWith: "agent." } } }),
  };
}

/** A POST on /bureau/agents about a new agent of A (active with an open session, or not). */
function manageCase(
  intent: "role" | "deactivate" | "reactivate" | "remove",
  extra: Record<string, string>,
  check: (after: Awaited<ReturnType<typeof agentSnapshot>>, courtIds: string[]) => void,
  auditAction: string,
) {
  return async (): Promise<Prepared> => {
    // « remove »: an agent of A who also serves another bureau, taken off A's courts.
    const courtIds =
      intent === "remove" ? [courtA.id, (await createCourt(db.prisma, "Cambrai")).id] : [courtA.id];
    const target = await createAgent(db.prisma, courtIds, {
      role: "INSTRUCTEUR",
      active: intent !== "reactivate",
    });
    const targetCookie = intent === "reactivate" ? "" : await agentCookie(target.id);
    const path = "/bureau/agents";
    const form = { intent, agentId: target.id, ...extra };
    return {
      path,
      run: (cookie) => agentsAction(args(request(path, cookie, form))),
      snapshot: () => agentSnapshot(target.id),
      refusal: "Cet agent ne fait pas partie de votre bureau, ou c'est vous.",
      async allowed(outcome, visitor) {
        expect(outcome.thrown).toBe(false);
        expect(outcome.status).toBe(302);
        expect(outcome.location).toBe(`/bureau/agents?fait=${intent}`);
        check(await agentSnapshot(target.id), courtIds);
        const audit = await auditOf(auditAction, visitor.agentId);
        expect(
          audit.filter(
            (event) => event.data && (event.data as { agentId?: string }).agentId === target.id,
          ),
        ).toHaveLength(1);
        if (intent === "deactivate") {
          // Out at once: the target's very next request goes to the login page.
          const next = await settle(() => queueLoader(args(request("/bureau", targetCookie))));
          expect(next).toMatchObject({
            thrown: true,
            status: 302,
            location: `/bureau/connexion?redirectTo=${encodeURIComponent("/bureau")}`,
          });
        }
      },
    };
  };
}

const CASE_PREPARATIONS: Record<Case, () => Promise<Prepared>> = {
  "GET /bureau": async () => ({
    path: "/bureau",
    run: (cookie) => queueLoader(args(request("/bureau", cookie))),
    snapshot: async () => db.prisma.auditEvent.count(),
    async allowed(outcome, visitor) {
      expect(outcome.thrown).toBe(false);
      const queue = outcome.body as { kind: string; rows: { court: string }[] };
      expect(queue.kind).toBe("queue");
      const cities = visitor.courts.map((court) => court.city);
      for (const row of queue.rows) expect(cities).toContain(row.court);
    },
  }),
  "GET application of A": viewCase(async () => (await applicationOfA("IN_REVIEW")).id),
  "GET random uuid": viewCase(async () => randomUUID()),
  "GET non-uuid id": async () => {
    const path = "/bureau/demandes/not-a-uuid";
    return {
      path,
      run: (cookie) => applicationLoader(args(request(path, cookie), { id: "not-a-uuid" })),
      snapshot: async () => db.prisma.auditEvent.count(),
    };
  },
  "GET draft of A": viewCase(async () => (await applicationOfA("DRAFT")).id),
  "GET decision PDF of A": async () => {
    const app = await applicationOfA("GRANTED");
    const path = `/bureau/demandes/${app.id}/decision`;
    return {
      path,
      run: (cookie) => decisionLoader(args(request(path, cookie), { id: app.id })),
      snapshot: () => applicationSnapshot(app.id),
      async allowed(outcome, visitor) {
        expect(outcome.thrown).toBe(false);
        expect(outcome.status).toBe(200);
        const pdf = outcome.body as Response;
        expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
        expect(
          Buffer.from(await pdf.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe("%PDF-");
        expect(await auditOf("decision.downloaded", visitor.agentId, app.id)).toHaveLength(1);
      },
    };
  },
  "GET decision page of A": async () => {
    const app = await applicationOfA("GRANTED");
    const path = `/bureau/demandes/${app.id}/document/decision`;
    return {
      path,
      run: (cookie) => decisionPageLoader(args(request(path, cookie), { id: app.id })),
      snapshot: () => applicationSnapshot(app.id),
      async allowed(outcome, visitor) {
        expect(outcome.thrown).toBe(false);
        const { reference } = await db.prisma.application.findUniqueOrThrow({
          where: { id: app.id },
        });
        expect(outcome.body).toMatchObject({
          id: app.id,
          reference,
          title: `Décision d'aide juridictionnelle ${reference}`,
        });
        expect(await auditOf("decision.read", visitor.agentId, app.id)).toHaveLength(1);
        expect(await auditOf("decision.downloaded", visitor.agentId, app.id)).toHaveLength(0);
      },
    };
  },
  "POST note on random uuid": async () => {
    const id = randomUUID();
    const path = `/bureau/demandes/${id}`;
    const form = { intent: "note", version: "1", body: "Une note." };
    return {
      path,
      run: (cookie) => applicationAction(args(request(path, cookie, form), { id })),
      snapshot: async () => db.prisma.agentNote.count(),
    };
  },
  ...(Object.fromEntries(
    APPLICATION_INTENTS.map((intent) => [intent, applicationIntentCase(intent)]),
  ) as Record<(typeof APPLICATION_INTENTS)[number], () => Promise<Prepared>>),
  "GET /bureau/agents": async () => ({
    path: "/bureau/agents",
    run: (cookie) => agentsLoader(args(request("/bureau/agents", cookie))),
    snapshot: async () => db.prisma.auditEvent.count(),
    async allowed(outcome, visitor) {
      expect(outcome.thrown).toBe(false);
      const page = outcome.body as { staff: { id: string; courts: string }[] };
      expect(page.staff.map((agent) => agent.id)).toContain(visitor.agentId);
      // Only the agents of the président's own courts.
      const cities = visitor.courts.map((court) => court.city);
      for (const agent of page.staff) {
        expect(agent.courts.split(", ").some((city) => cities.includes(city))).toBe(true);
      }
    },
  }),
  "POST agents add": async () => {
    const email = `nouvel-agent-${randomUUID().slice(0, 8)}@justice.example`;
    const path = "/bureau/agents";
    const form = {
      intent: "add",
      email,
      givenName: "Nina",
      usualName: "LEROY",
      role: "INSTRUCTEUR",
      courtId: courtA.id,
    };
    return {
      path,
      run: (cookie) => agentsAction(args(request(path, cookie, form))),
      snapshot: async () => ({
        agents: await db.prisma.agent.count({ where: { email } }),
        audit: await db.prisma.auditEvent.count({ where: { action: { startsWith: "agent." } } }),
      }),
      refusal: "La saisie comporte des erreurs.",
      async allowed(outcome, visitor) {
        expect(outcome.thrown).toBe(false);
        expect(outcome.status).toBe(302);
        expect(outcome.location).toBe("/bureau/agents?fait=add");
        const added = await db.prisma.agent.findUniqueOrThrow({
          where: { email },
          include: { courts: true },
        });
        expect(added).toMatchObject({ role: "INSTRUCTEUR", active: true });
        expect(added.courts.map((link) => link.courtId)).toEqual([courtA.id]);
        const audit = await auditOf("agent.added", visitor.agentId);
        // Traced by the new agent's identifier, never by their e-mail.
        expect(
          audit.filter((event) => (event.data as { agentId?: string }).agentId === added.id),
        ).toHaveLength(1);
        expect(JSON.stringify(audit.map((event) => event.data))).not.toContain(email);
      },
    };
  },
  "POST agents role": manageCase(
    "role",
    { role: "VICE_PRESIDENT" },
    (after) => expect(after.role).toBe("VICE_PRESIDENT"),
    "agent.role_changed",
  ),
  "POST agents deactivate": manageCase(
    "deactivate",
    {},
    (after) => expect(after).toMatchObject({ active: false, sessions: 0 }),
    "agent.deactivated",
  ),
  "POST agents reactivate": manageCase(
    "reactivate",
    {},
    (after) => expect(after.active).toBe(true),
    "agent.reactivated",
  ),
  "POST agents remove": manageCase(
    "remove",
    {},
    (after, [, elsewhere]) => expect(after).toMatchObject({ active: true, courts: [elsewhere] }),
    "agent.removed",
  ),
};

// ─── The matrix, run ─────────────────────────────────────────────────────────────────────────────

/**
 * The rows a case prepared, kept for the next visitor while refusals leave them untouched (checked
 * by the snapshot): a success consumes them. Saves preparing ~100 applications.
 */
const untouched = new Map<Case, Prepared>();

describe("authorization matrix of the back-office", () => {
  for (const visitorName of VISITORS) {
    describe(visitorName, () => {
      for (const caseName of CASES) {
        const expected = MATRIX[visitorName][caseName];
        it(`${caseName} → ${expected}`, async () => {
          const visitor = visitors[visitorName];
          const prepared = untouched.get(caseName) ?? (await CASE_PREPARATIONS[caseName]());
          untouched.delete(caseName);
          const cookie = await visitor.cookie();
          const before = await prepared.snapshot();
          const outcome = await settle(() => prepared.run(cookie));

          switch (expected) {
            case "ok":
              if (!prepared.allowed) throw new Error(`No success check for ${caseName}`);
              await prepared.allowed(outcome, visitor);
              return;
            case "national":
              expect(outcome).toMatchObject({ thrown: false, body: { kind: "national" } });
              expect(outcome.body).not.toHaveProperty("rows");
              break;
            case "login": {
              // On the way to a download, back to its page (app/server/agent/downloads.server.ts).
              const asked = new URL(prepared.path, ORIGIN);
              const back = returnPathOf(asked.pathname, asked.search);
              expect(outcome).toMatchObject({
                thrown: true,
                status: 302,
                location: `/bureau/connexion?redirectTo=${encodeURIComponent(back)}`,
              });
              break;
            }
            case "disabled":
              expect(outcome).toMatchObject({
                thrown: true,
                status: 302,
                location: "/bureau/connexion?compte=desactive",
              });
              // The cookie is cleared and the session row is gone.
              expect(outcome.setCookie).toMatch(new RegExp(`^${AGENT_COOKIE}=;`));
              expect(await db.prisma.session.count({ where: { agentId: visitor.agentId } })).toBe(
                0,
              );
              break;
            case 403:
            case 404:
              expect(outcome).toMatchObject({ thrown: true, status: expected });
              break;
            case 409:
            case 422:
              expect(outcome).toMatchObject({
                thrown: false,
                status: expected,
                body: { message: prepared.refusal },
              });
              expect(prepared.refusal).toBeTruthy();
              break;
          }
          // Any refusal leaves the database as it was (and its rows serve the next visitor).
          expect(await prepared.snapshot()).toEqual(before);
          untouched.set(caseName, prepared);
        });
      }
    });
  }
});

// ─── The two kinds of session never cross ────────────────────────────────────────────────────────

describe("citizens' and agents' sessions never stand in for each other", () => {
  it("a citizen's session, even presented as the agents' cookie, opens nothing at the BAJ", async () => {
    const { citizen } = await submittedApplication(db.prisma, courtA.id);
    const cookie = await citizenCookie(citizen.id);
    expect(cookie.startsWith(`${CITIZEN_COOKIE}=`)).toBe(true);
    // The citizen's own pages: open (so the cookie itself is valid).
    const own = await settle(() =>
      citizenApplicationsLoader(args(request("/mes-demandes", cookie))),
    );
    expect(own).toMatchObject({ thrown: false, status: 200 });

    for (const presented of [cookie, `${AGENT_COOKIE}=${cookieValue(cookie)}`]) {
      const queue = await settle(() => queueLoader(args(request("/bureau", presented))));
      expect(queue).toMatchObject({
        thrown: true,
        status: 302,
        location: `/bureau/connexion?redirectTo=${encodeURIComponent("/bureau")}`,
      });
    }
  });

  it("an agent's session, even presented as the citizens' cookie, opens no citizen's page", async () => {
    const cookie = await visitors.presidentA.cookie();
    expect(cookie.startsWith(`${AGENT_COOKIE}=`)).toBe(true);
    // The agent's own pages: open (so the cookie itself is valid).
    const queue = await settle(() => queueLoader(args(request("/bureau", cookie))));
    expect(queue).toMatchObject({ thrown: false, body: { kind: "queue" } });

    for (const presented of [cookie, `${CITIZEN_COOKIE}=${cookieValue(cookie)}`]) {
      const page = await settle(() =>
        citizenApplicationsLoader(args(request("/mes-demandes", presented))),
      );
      expect(page).toMatchObject({
        thrown: true,
        status: 302,
        location: `/connexion?redirectTo=${encodeURIComponent("/mes-demandes")}`,
      });
    }
  });
});

describe("acts with legal effect are confirmed (RGAA 11.12)", () => {
  it("a decision, a signature, a lapse or a transfer without its box changes nothing", async () => {
    const cookie = await visitors.presidentA.cookie();
    for (const intent of ["decide", "signDecision", "recordLapse", "transfer"] as const) {
      const spec = EVENT_CASES[intent];
      const app = await applicationOfA(spec.from);
      const before = await applicationSnapshot(app.id);
      const version = (await db.prisma.application.findUniqueOrThrow({ where: { id: app.id } }))
        .version;
      const path = `/bureau/demandes/${app.id}`;
      const form = {
        intent,
        version: String(version),
        ...spec.form,
        ...(intent === "transfer" ? { courtId: courtB.id } : {}),
      };
      const outcome = await settle(() =>
        applicationAction(args(request(path, cookie, form), { id: app.id })),
      );
      expect(outcome, intent).toMatchObject({
        thrown: false,
        status: 422,
        body: { intent, errors: { confirm: "Cochez la case pour confirmer." } },
      });
      // What was typed comes back with the error.
      expect((outcome.body as { values: Record<string, string> }).values).toMatchObject(spec.form);
      expect(await applicationSnapshot(app.id), intent).toEqual(before);
    }
  });
});
