/**
 * The attack suite (docs/securite.md), over plain HTTP against the real server (the production
 * build, scripts/e2e-server.ts), no browser:
 *
 * 1. The authorization matrix. Every route file of app/routes (read from the directory: a new
 *    route fails this suite until ROUTES has its rows) × every kind of visitor: anonymous, two
 *    citizens logged in through the local FranceConnect, and seeded agents logged in through the
 *    local ProConnect (instructeur, présidente and vice-président of Paris, the national reader,
 *    the présidente of Lyon). Ids are real: citizen A's application (Paris) and draft, a decided
 *    application of Paris, an application of Lyon, an agent's batch, a random uuid, a non-uuid.
 *    Each row (a GET, or the POST of the action, or of a route without one) is sent as a page
 *    request; every action and one loader row per page also as Remix's data request (`.data`),
 *    and as the legacy data request (`?_data=`, which Remix would still answer: refused with a
 *    400 before the app, whoever asks); a route named like a file (`export.csv`) also as a data
 *    request, refused with a 400 before the app, whoever asks (Remix would read the whole file
 *    in memory). Each cell checks the status, where a redirect goes, that no session cookie is
 *    issued, and that the body names no application the visitor may not see.
 * 2. CSRF. For every action (routes exporting `action`) and every visitor who may use it (read
 *    from the matrix), a form that would change something, posted from another site: an `Origin`
 *    of another site, `null`, a look-alike, another scheme; no `Origin` but `Sec-Fetch-Site`
 *    cross-site or same-site; the data request. Each: the guards' French 403 page, no cookie, and
 *    the state the pages show unchanged (and, for a few, the same form from the app's own pages
 *    does change it: the check sees a change).
 * 3. Session fixation. A session cookie planted before the login (a made-up one, or a real
 *    session of someone else) is never the session after it and opens nothing afterwards; the
 *    state cookies issued before the login open nothing, and are cleared by it; replaying the
 *    provider's answer opens nothing (a citizen's, reloaded with the state cookie, at most the
 *    same person's login again); after a logout, the old cookie opens nothing (every role).
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { returnPathOf } from "../../app/server/agent/downloads.server";
import { DEMO_IDENTITIES } from "../../mocks/franceconnect/identities";
import { AGENTS, APPLICATIONS, COURT_CODES } from "../../prisma/seed/samples";
import {
  AGENT_COOKIE,
  AppClient,
  agentLogin,
  CITIZEN_COOKIE,
  citizenLogin,
  inputs,
} from "./http-login";

// ─── Visitors ────────────────────────────────────────────────────────────────────────────────────

/** The matrix's columns, in this order in every row of ROUTES. */
const VISITORS = [
  "anonymous",
  "citizenA", // files an application at Paris, then starts another (a draft)
  "citizenB", // another citizen, logged in, no draft
  "instructeur", // Paris
  "presidente", // Paris
  "vicePresident", // Paris
  "nationalReader", // no court: figures only
  "otherCourt", // the présidente of Lyon
] as const;
type Visitor = (typeof VISITORS)[number];
type Citizen = "citizenA" | "citizenB";
type AgentVisitor = Exclude<Visitor, "anonymous" | Citizen>;

/**
 * The local FranceConnect's demo identities, shared with the other suites, which log in as them
 * expecting to start at the first step: neither keeps a draft once this file is done (A's is filed
 * by afterAll). A is known to the DGFiP (he can file). Not Vincent MARTIN: the DGFiP's fault test
 * needs him without income on record.
 */
const CITIZENS: Record<Citizen, string> = {
  citizenA: "sans_nom_dusage",
  citizenB: "moins_18_ans",
};

/** Seeded agents (prisma/seed/samples.ts), also demo accounts of the local ProConnect. */
const AGENT_LOGINS: Record<AgentVisitor, { login: string; role: string; court: string | null }> = {
  instructeur: { login: "karim.benali", role: "INSTRUCTEUR", court: COURT_CODES.paris },
  presidente: { login: "camille.martin", role: "PRESIDENT", court: COURT_CODES.paris },
  vicePresident: { login: "hugo.roux", role: "VICE_PRESIDENT", court: COURT_CODES.paris },
  nationalReader: { login: "marc.dupuis", role: "NATIONAL_READER", court: null },
  otherCourt: { login: "ines.fontaine", role: "PRESIDENT", court: COURT_CODES.lyon },
};

const isCitizen = (visitor: Visitor): visitor is Citizen =>
  visitor === "citizenA" || visitor === "citizenB";

// ─── The matrix ──────────────────────────────────────────────────────────────────────────────────

/**
 * A cell: a status (`200`, `400`, `403`, `404`, `405`, `409`); `login`: to the login page of the
 * route's side, with the path to come back to; `→/path`: a redirect there (ids as placeholders);
 * `→FranceConnect`, `→ProConnect`: a login started at the provider; `→batch`: to the new batch's
 * page; `logout`: the session ends (run last, by the logout test, not by the matrix).
 *
 * A page request answers a redirect with 302 (303 for a login start), a data request (`.data`)
 * with 202 and the target in its body.
 */
type Fields = [string, string][];
type Probe = {
  method: "GET" | "POST";
  /** With placeholders: :appA, :draftA, :decided, :other, :random, :bad, :batch, :refA… */
  path: string;
  form?: Fields;
  /** Eight cells, one per visitor, in VISITORS' order. */
  cells: string;
  /**
   * An action's data request, when it differs from its page: the data request answers with what
   * the action returned, where the page also runs the loaders (which may redirect).
   */
  dataCells?: string;
  /** The page echoes what was asked (a reference): the leak is its history, not its mention. */
  echoes?: boolean;
};

const fields = (form: Record<string, string> | Fields): Fields =>
  Array.isArray(form) ? form : Object.entries(form);
const get = (path: string, cells: string, options: Partial<Probe> = {}): Probe => ({
  method: "GET",
  path,
  cells,
  ...options,
});
const post = (
  path: string,
  form: Record<string, string> | Fields,
  cells: string,
  options: Partial<Probe> = {},
): Probe => ({
  method: "POST",
  path,
  form: fields(form),
  cells,
  ...options,
});
const all = (cell: string) => VISITORS.map(() => cell).join(" ");
/** A route without an action: a POST is a 405 for everyone. */
const noAction = (path: string) => post(path, {}, all("405"));

/** The first three cells of a back-office row: the anonymous visitor and the citizens. */
const AGENTS_ONLY = "login login login";
/** A citizens' row: the anonymous visitor and the agents go to the citizens' login page. */
const CITIZENS_ONLY = "login {A} {B} login login login login login";
const citizens = (a: string, b: string) => CITIZENS_ONLY.replace("{A}", a).replace("{B}", b);
/** A form with a stale version: reaching the application is a 409 (nothing written), else 404. */
const STALE = { intent: "startReview", version: "1000000" };
const REPLY = { body: "Message de contrôle de la suite d'attaque." };
// Signing a selection is confirmed by its box (RGAA 11.12): ticked here, so that what is checked
// is who may sign.
const batchOf = (type: string, item: string): Fields => [
  ["type", type],
  ["demande", item],
  ...(type === "SIGN" ? ([["confirme", "oui"]] as Fields) : []),
];

const ROUTES: Record<string, Probe[]> = {
  "$.tsx": [
    get("/cette-page-n-existe-pas", all("404")),
    noAction("/cette-page-n-existe-pas"),
    // The application form's steps are four routes: any other name is no page.
    get("/demande/inconnue", all("404")),
    noAction("/demande/inconnue"),
  ],
  "_index.tsx": [get("/", all("200")), noAction("/")],
  "accessibilite.tsx": [get("/accessibilite", all("200")), noAction("/accessibilite")],
  // Each visitor sees the BAJ of their own applications' courts; any court by its id.
  "aide.tsx": [
    get("/aide", all("200")),
    get("/aide?tribunal=%27%20OR%201%3D1--", all("200")),
    noAction("/aide"),
  ],
  "auth.franceconnect.tsx": [
    get("/auth/franceconnect", all("→/connexion")),
    post("/auth/franceconnect", { redirectTo: "/" }, all("→FranceConnect")),
  ],
  "auth.franceconnect_.callback.tsx": [
    get("/auth/franceconnect/callback", all("400")),
    get("/auth/franceconnect/callback?code=forged&state=forged", all("400")),
    noAction("/auth/franceconnect/callback"),
  ],
  "bureau._index.tsx": [
    get("/bureau", `${AGENTS_ONLY} 200 200 200 200 200`),
    get("/bureau?onglet=toutes&tri=recent", `${AGENTS_ONLY} 200 200 200 200 200`),
    noAction("/bureau"),
  ],
  "bureau.agents.tsx": [
    get("/bureau/agents", `${AGENTS_ONLY} 403 200 403 403 200`),
    // An unknown intent: the président's form answers 400, nothing written.
    post("/bureau/agents", { intent: "inconnue" }, `${AGENTS_ONLY} 403 400 403 403 400`),
  ],
  "bureau.auth.tsx": [
    get("/bureau/auth", all("→/bureau/connexion")),
    post("/bureau/auth", { redirectTo: "/bureau" }, all("→ProConnect")),
  ],
  "bureau.auth_.callback.tsx": [
    get("/bureau/auth/callback", all("400")),
    get("/bureau/auth/callback?code=forged&state=forged", all("400")),
    noAction("/bureau/auth/callback"),
  ],
  "bureau.connexion.tsx": [
    get("/bureau/connexion", "200 200 200 →/bureau →/bureau →/bureau →/bureau →/bureau"),
    noAction("/bureau/connexion"),
  ],
  "bureau.deconnexion.tsx": [
    get("/bureau/deconnexion", all("→/bureau")),
    post(
      "/bureau/deconnexion",
      {},
      "→/bureau/connexion →/bureau/connexion →/bureau/connexion logout logout logout logout logout",
    ),
  ],
  "bureau.deconnexion_.retour.tsx": [
    get("/bureau/deconnexion/retour", all("400")),
    get("/bureau/deconnexion/retour?state=forged", all("400")),
    noAction("/bureau/deconnexion/retour"),
  ],
  "bureau.demandes.$id.tsx": [
    get("/bureau/demandes/:appA", `${AGENTS_ONLY} 200 200 200 404 404`),
    get("/bureau/demandes/:decided", `${AGENTS_ONLY} 200 200 200 404 404`),
    get("/bureau/demandes/:other", `${AGENTS_ONLY} 404 404 404 404 200`),
    get("/bureau/demandes/:draftA", `${AGENTS_ONLY} 404 404 404 404 404`),
    get("/bureau/demandes/:random", `${AGENTS_ONLY} 404 404 404 404 404`),
    get("/bureau/demandes/:bad", `${AGENTS_ONLY} 404 404 404 404 404`),
    post("/bureau/demandes/:appA", STALE, `${AGENTS_ONLY} 409 409 409 404 404`),
    post("/bureau/demandes/:other", STALE, `${AGENTS_ONLY} 404 404 404 404 409`),
    post("/bureau/demandes/:draftA", STALE, `${AGENTS_ONLY} 404 404 404 404 404`),
    post("/bureau/demandes/:random", STALE, `${AGENTS_ONLY} 404 404 404 404 404`),
    post("/bureau/demandes/:bad", STALE, `${AGENTS_ONLY} 404 404 404 404 404`),
  ],
  "bureau.demandes.$id_.decision.ts": [
    get("/bureau/demandes/:decided/decision", `${AGENTS_ONLY} 200 200 200 404 404`),
    get("/bureau/demandes/:appA/decision", `${AGENTS_ONLY} 404 404 404 404 404`),
    get("/bureau/demandes/:other/decision", `${AGENTS_ONLY} 404 404 404 404 404`),
    get("/bureau/demandes/:random/decision", `${AGENTS_ONLY} 404 404 404 404 404`),
    get("/bureau/demandes/:bad/decision", `${AGENTS_ONLY} 404 404 404 404 404`),
    noAction("/bureau/demandes/:decided/decision"),
  ],
  "bureau.demandes.$id_.document.decision.tsx": [
    get("/bureau/demandes/:decided/document/decision", `${AGENTS_ONLY} 200 200 200 404 404`),
    get("/bureau/demandes/:appA/document/decision", `${AGENTS_ONLY} 404 404 404 404 404`),
    get("/bureau/demandes/:other/document/decision", `${AGENTS_ONLY} 404 404 404 404 404`),
    get("/bureau/demandes/:random/document/decision", `${AGENTS_ONLY} 404 404 404 404 404`),
    get("/bureau/demandes/:bad/document/decision", `${AGENTS_ONLY} 404 404 404 404 404`),
    noAction("/bureau/demandes/:decided/document/decision"),
  ],
  "bureau.export[.csv].ts": [
    get("/bureau/export.csv?onglet=toutes", `${AGENTS_ONLY} 200 200 200 403 200`),
    get("/bureau/export.csv", `${AGENTS_ONLY} 200 200 200 403 200`),
    noAction("/bureau/export.csv"),
  ],
  "bureau.journal.tsx": [
    get("/bureau/journal", `${AGENTS_ONLY} 403 200 403 403 200`),
    // Another court's history is not shown (the page only repeats the reference asked).
    get("/bureau/journal?reference=:refOther", `${AGENTS_ONLY} 403 200 403 403 200`, {
      echoes: true,
    }),
    get("/bureau/journal?reference=:refA", `${AGENTS_ONLY} 403 200 403 403 200`, {
      echoes: true,
    }),
    post("/bureau/journal", {}, `${AGENTS_ONLY} 403 200 403 403 200`),
  ],
  "bureau.journal[.json].ts": [
    get("/bureau/journal.json", `${AGENTS_ONLY} 403 200 403 403 200`),
    noAction("/bureau/journal.json"),
  ],
  "bureau.lots.$id.tsx": [
    get("/bureau/lots/:batch", `${AGENTS_ONLY} 200 404 404 404 404`),
    get("/bureau/lots/:random", `${AGENTS_ONLY} 404 404 404 404 404`),
    get("/bureau/lots/:bad", `${AGENTS_ONLY} 404 404 404 404 404`),
    noAction("/bureau/lots/:batch"),
  ],
  "bureau.lots._index.tsx": [
    get("/bureau/lots?type=TAKE", `${AGENTS_ONLY} 200 200 200 403 200`),
    get("/bureau/lots?type=SIGN", `${AGENTS_ONLY} 403 200 200 403 200`),
    get("/bureau/lots", `${AGENTS_ONLY} 404 404 404 404 404`),
    // Stale versions: a batch is stored, its item skipped, the application untouched.
    post(
      "/bureau/lots?index",
      batchOf("TAKE", ":appA:999999999"),
      `${AGENTS_ONLY} →batch →batch →batch 403 403`,
    ),
    post(
      "/bureau/lots?index",
      batchOf("SIGN", ":appA:999999999"),
      `${AGENTS_ONLY} 403 →batch →batch 403 403`,
    ),
    post(
      "/bureau/lots?index",
      batchOf("TAKE", ":other:999999999"),
      `${AGENTS_ONLY} 403 403 403 403 →batch`,
    ),
    // A random id, a draft: the same refusal as another court's application above.
    post("/bureau/lots?index", batchOf("TAKE", ":random:1"), `${AGENTS_ONLY} 403 403 403 403 403`),
    post("/bureau/lots?index", batchOf("TAKE", ":draftA:1"), `${AGENTS_ONLY} 403 403 403 403 403`),
  ],
  "bureau.session.ts": [get("/bureau/session", all("200")), noAction("/bureau/session")],
  "bureau.statistiques.tsx": [
    get("/bureau/statistiques", `${AGENTS_ONLY} 200 200 200 200 200`),
    noAction("/bureau/statistiques"),
  ],
  "bureau.statistiques[.csv].ts": [
    get("/bureau/statistiques.csv?tableau=depots", `${AGENTS_ONLY} 200 200 200 200 200`),
    get("/bureau/statistiques.csv", `${AGENTS_ONLY} 404 404 404 404 404`),
    noAction("/bureau/statistiques.csv"),
  ],
  "connexion.tsx": [
    get("/connexion", "200 →/mon-compte →/mon-compte 200 200 200 200 200"),
    noAction("/connexion"),
  ],
  "deconnexion.tsx": [
    get("/deconnexion", all("→/")),
    post("/deconnexion", {}, "→/ logout logout →/ →/ →/ →/ →/"),
  ],
  "deconnexion_.retour.tsx": [
    get("/deconnexion/retour", all("400")),
    get("/deconnexion/retour?state=forged", all("400")),
    noAction("/deconnexion/retour"),
  ],
  // A's draft has reached the resources; B has none. An empty form: the page with its errors,
  // nothing written; the page of a step not reached yet sends back to the furthest one reached.
  "demande.identite.tsx": [
    get("/demande/identite", citizens("200", "200")),
    post("/demande/identite", {}, citizens("200", "200")),
  ],
  "demande.ressources.tsx": [
    get("/demande/ressources", citizens("200", "→/demande/identite")),
    post("/demande/ressources", {}, citizens("200", "→/demande/identite"), {
      dataCells: citizens("200", "200"),
    }),
  ],
  "demande.procedure.tsx": [
    get("/demande/procedure", citizens("→/demande/ressources", "→/demande/identite")),
    post("/demande/procedure", {}, citizens("→/demande/ressources", "→/demande/identite"), {
      dataCells: citizens("200", "200"),
    }),
  ],
  "demande.recapitulatif.tsx": [
    get("/demande/recapitulatif", citizens("→/demande/ressources", "→/demande/identite")),
    post("/demande/recapitulatif", {}, citizens("→/demande/ressources", "→/demande/identite"), {
      dataCells: citizens("200", "200"),
    }),
  ],
  "demande._index.tsx": [
    get("/demande", citizens("→/demande/ressources", "→/demande/identite")),
    noAction("/demande"),
  ],
  "donnees-personnelles.tsx": [
    get("/donnees-personnelles", all("200")),
    noAction("/donnees-personnelles"),
  ],
  "healthz.ts": [get("/healthz", all("200")), noAction("/healthz")],
  "mentions-legales.tsx": [get("/mentions-legales", all("200")), noAction("/mentions-legales")],
  "mes-demandes.$id.tsx": [
    get("/mes-demandes/:appA", citizens("200", "404")),
    get("/mes-demandes/:draftA", citizens("→/demande", "404")),
    get("/mes-demandes/:decided", citizens("404", "404")),
    get("/mes-demandes/:other", citizens("404", "404")),
    get("/mes-demandes/:random", citizens("404", "404")),
    get("/mes-demandes/:bad", citizens("404", "404")),
    post("/mes-demandes/:appA", REPLY, citizens("→/mes-demandes/:appA?message=ok#messages", "404")),
    post("/mes-demandes/:draftA", REPLY, citizens("404", "404")),
    post("/mes-demandes/:other", REPLY, citizens("404", "404")),
    post("/mes-demandes/:random", REPLY, citizens("404", "404")),
    post("/mes-demandes/:bad", REPLY, citizens("404", "404")),
  ],
  "mes-demandes.$id_.decision.ts": [
    get("/mes-demandes/:appA/decision", citizens("404", "404")),
    get("/mes-demandes/:decided/decision", citizens("404", "404")),
    get("/mes-demandes/:bad/decision", citizens("404", "404")),
    noAction("/mes-demandes/:appA/decision"),
  ],
  "mes-demandes.$id_.document.$document.tsx": [
    get("/mes-demandes/:appA/document/recepisse", citizens("200", "404")),
    get("/mes-demandes/:appA/document/decision", citizens("404", "404")),
    get("/mes-demandes/:appA/document/autre", citizens("404", "404")),
    get("/mes-demandes/:draftA/document/recepisse", citizens("404", "404")),
    get("/mes-demandes/:decided/document/decision", citizens("404", "404")),
    get("/mes-demandes/:other/document/recepisse", citizens("404", "404")),
    get("/mes-demandes/:bad/document/recepisse", citizens("404", "404")),
    noAction("/mes-demandes/:appA/document/recepisse"),
  ],
  "mes-demandes.$id_.recepisse.ts": [
    get("/mes-demandes/:appA/recepisse", citizens("200", "404")),
    get("/mes-demandes/:draftA/recepisse", citizens("404", "404")),
    get("/mes-demandes/:other/recepisse", citizens("404", "404")),
    get("/mes-demandes/:bad/recepisse", citizens("404", "404")),
    noAction("/mes-demandes/:appA/recepisse"),
  ],
  "mes-demandes._index.tsx": [
    get("/mes-demandes", citizens("200", "200")),
    noAction("/mes-demandes"),
  ],
  "mon-compte.donnees[.json].ts": [
    get("/mon-compte/donnees.json", citizens("200", "200")),
    noAction("/mon-compte/donnees.json"),
  ],
  "mon-compte.tsx": [get("/mon-compte", citizens("200", "200")), noAction("/mon-compte")],
  "plan-du-site.tsx": [get("/plan-du-site", all("200")), noAction("/plan-du-site")],
  // « Rester connecté »: whether the visitor's own session is open; nothing else, for anyone.
  "session.ts": [get("/session", all("200")), noAction("/session")],
  "simulateur.tsx": [
    get("/simulateur", all("200")),
    get("/simulateur?referenceTaxIncome=12000&householdSize=1", all("200")),
    noAction("/simulateur"),
  ],
};

// ─── Route files → URL patterns (Remix v2 flat routes) ──────────────────────────────────────────

const ROUTES_DIR = path.resolve("app/routes");

type RouteFile = {
  file: string;
  /** "/bureau/demandes/:id", "/bureau/export.csv", "/*" for the splat. */
  pattern: string;
  /** Remix's route id ("routes/bureau.demandes.$id"), for `?_data=`. */
  id: string;
  hasLoader: boolean;
  hasAction: boolean;
  /** A page (a default export), not a resource route (a file, JSON). */
  isPage: boolean;
};

/** The route modules Remix builds (remix.config.js: dotfiles and tests ignored). */
function routeFiles(): RouteFile[] {
  return readdirSync(ROUTES_DIR)
    .filter((name) => !name.startsWith(".") && !/\.test\.tsx?$/.test(name))
    .map((name) => {
      const full = path.join(ROUTES_DIR, name);
      // A folder route: its module is route.tsx (none today, but supported by Remix).
      const moduleFile = statSync(full).isDirectory()
        ? ["route.tsx", "route.ts"].map((file) => path.join(full, file)).find(isFile)
        : full;
      if (!moduleFile) throw new Error(`${name}: a folder without route.tsx`);
      const source = readFileSync(moduleFile, "utf8");
      const base = statSync(full).isDirectory() ? name : name.replace(/\.[jt]sx?$/, "");
      return {
        file: name,
        pattern: patternOf(base),
        id: `routes/${base}`,
        hasLoader: /export\s+(async\s+)?function\s+loader\b|export\s+const\s+loader\b/.test(source),
        hasAction: /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(source),
        isPage: /export\s+default\b/.test(source),
      };
    });
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `bureau.demandes.$id_.decision` → `/bureau/demandes/:id/decision`; `[.csv]` is literal. */
function patternOf(base: string): string {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const char of base) {
    if (char === "[") escaped = true;
    else if (char === "]") escaped = false;
    else if (char === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += char;
  }
  segments.push(current);
  const url = segments
    // `_index`: the index; a leading `_`: a layout without a segment.
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
    // A trailing `_`: not nested in the layout of the same name, same URL.
    .map((segment) => segment.replace(/_$/, ""))
    .map((segment) => (segment === "$" ? "*" : segment.replace(/^\$/, ":")));
  return `/${url.join("/")}`;
}

/** How well `pattern` matches `pathname` (null: not at all); the most specific route wins. */
function matchScore(pattern: string, pathname: string): number | null {
  const want = pattern.split("/").filter(Boolean);
  const have = pathname.split("/").filter(Boolean);
  let score = 0;
  for (const [index, segment] of want.entries()) {
    if (segment === "*") return score + 1;
    const part = have[index];
    if (part === undefined) return null;
    if (segment.startsWith(":")) score += 2;
    else if (segment === decodeURIComponent(part)) score += 3;
    else return null;
  }
  return have.length === want.length ? score + 10 : null;
}

function routeOf(routes: RouteFile[], pathname: string): string | undefined {
  let best: { file: string; score: number } | undefined;
  for (const route of routes) {
    const score = matchScore(route.pattern, pathname);
    if (score !== null && (!best || score > best.score)) best = { file: route.file, score };
  }
  return best?.file;
}

// ─── The world: logged-in visitors and real ids ──────────────────────────────────────────────────

type Ids = {
  appA: string;
  draftA: string;
  decided: string;
  other: string;
  random: string;
  bad: string;
  batch: string;
  refA: string;
  refOther: string;
};

type World = {
  origin: string;
  clients: Record<Exclude<Visitor, "anonymous">, AppClient>;
  ids: Ids;
  /** References each visitor may never see. */
  forbidden: Record<Visitor, string[]>;
};

/** Seeded samples: a decided application of Paris, and one of Lyon. */
const DECIDED_REF = APPLICATIONS.find(
  (a) => a.courtCode === COURT_CODES.paris && (a.status === "GRANTED" || a.status === "REJECTED"),
)?.reference as string;
const OTHER_REF = APPLICATIONS.find(
  (a) => a.courtCode === COURT_CODES.lyon && a.status !== "DRAFT" && a.reference,
)?.reference as string;

async function page(client: AppClient, pathname: string) {
  const response = await client.get(pathname);
  return {
    status: response.status,
    location: response.headers.get("location"),
    html: await response.text(),
  };
}

/** Saves a step of the application as the page's form does; returns where it sends next. */
async function saveStep(
  client: AppClient,
  step: string,
  values: (html: string) => Record<string, string>,
): Promise<string> {
  const shown = await page(client, `/demande/${step}`);
  if (shown.status !== 200) throw new Error(`/demande/${step}: ${shown.status}`);
  const { applicationId = "", version = "0" } = inputs(shown.html);
  const response = await client.post(`/demande/${step}`, {
    applicationId,
    version,
    ...values(shown.html),
  });
  const location = response.headers.get("location");
  await response.text();
  if (response.status !== 302 || !location) {
    throw new Error(`POST /demande/${step}: ${response.status}, not saved`);
  }
  return location;
}

/** The identity step, with the citizen's own address (FranceConnect's), whatever was typed. */
const IDENTITY = () => ({
  contactEmail:
    DEMO_IDENTITIES.find((demo) => demo.login === CITIZENS.citizenA)?.identity.email ?? "",
});

/** Citizen A files an application at Paris (his draft, if he has one); returns its id. */
async function fileApplication(client: AppClient): Promise<string> {
  await saveStep(client, "identite", IDENTITY);
  await saveStep(client, "ressources", () => ({
    declaredMovableAssets: "100",
    declaredRealEstateAssets: "0",
    seriousCrimeVictim: "non",
    legalExpensesInsurance: "non",
  }));
  await saveStep(client, "procedure", (html) => ({
    caseKind: "CIVIL",
    caseSubkind: "Logement",
    courtId: /<option value="([0-9a-f-]{36})"[^>]*>Paris(?: \(75\))?</.exec(html)?.[1] ?? "",
    applicantRole: "Défendeur",
    procedureStage: "Avant toute procédure",
    description: "Un litige décrit pour la suite d'attaque.",
    lawyer: "designation",
    urgent: "non",
  }));
  const done = await saveStep(client, "recapitulatif", () => ({
    attestation: "oui",
    electronicExchanges: "oui",
  }));
  const id = /^\/mes-demandes\/([0-9a-f-]{36})\?depot=ok$/.exec(done)?.[1];
  if (!id) throw new Error(`Submission went to ${done}`);
  return id;
}

/** The id of the application `reference`, as the agent's queue links it. */
async function findInQueue(client: AppClient, reference: string): Promise<string> {
  const { html } = await page(client, `/bureau?onglet=toutes&q=${reference}`);
  const id = new RegExp(`href="/bureau/demandes/([0-9a-f-]{36})">${reference}<`).exec(html)?.[1];
  if (!id) throw new Error(`${reference} is not in the queue`);
  return id;
}

async function buildWorld(baseURL: string): Promise<World> {
  const origin = new URL(baseURL).origin;
  for (const [visitor, agent] of Object.entries(AGENT_LOGINS)) {
    const seeded = AGENTS.find((a) => a.email === `${agent.login}@justice.example`);
    expect(seeded, visitor).toMatchObject({
      role: agent.role,
      courtCodes: agent.court ? [agent.court] : [],
    });
  }
  const [citizenA, citizenB, ...agents] = await Promise.all([
    citizenLogin(origin, CITIZENS.citizenA),
    citizenLogin(origin, CITIZENS.citizenB),
    ...Object.values(AGENT_LOGINS).map((agent) => agentLogin(origin, agent.login)),
  ]);
  const [instructeur, presidente, vicePresident, nationalReader, otherCourt] = agents as [
    AppClient,
    AppClient,
    AppClient,
    AppClient,
    AppClient,
  ];
  const clients = {
    citizenA,
    citizenB,
    instructeur,
    presidente,
    vicePresident,
    nationalReader,
    otherCourt,
  } as World["clients"];

  // A's application, then a new draft.
  const appA = await fileApplication(citizenA);
  const refA = /AJ-\d{4}-\d{6}/.exec((await page(citizenA, `/mes-demandes/${appA}`)).html)?.[0];
  if (!refA) throw new Error("No reference on the application's page");
  await saveStep(citizenA, "identite", IDENTITY);
  const draftA = inputs((await page(citizenA, "/demande/ressources")).html).applicationId;
  if (!draftA || draftA === appA) throw new Error("No new draft");
  // B starts from nothing (see CITIZENS).
  expect((await page(citizenB, "/demande")).location).toBe("/demande/identite");

  const [decided, other] = await Promise.all([
    findInQueue(instructeur, DECIDED_REF),
    findInQueue(otherCourt, OTHER_REF),
  ]);
  // The instructeur's batch (a stale version: its item is skipped, A's application untouched).
  const batch = await instructeur.post("/bureau/lots?index", batchOf("TAKE", `${appA}:999999999`));
  const batchId = /^\/bureau\/lots\/([0-9a-f-]{36})$/.exec(batch.headers.get("location") ?? "");
  await batch.text();
  if (!batchId?.[1]) throw new Error(`No batch: ${batch.status}`);

  const allRefs = [refA, DECIDED_REF, OTHER_REF];
  return {
    origin,
    clients,
    ids: {
      appA,
      draftA,
      decided,
      other,
      random: randomUUID(),
      bad: "pas-un-uuid",
      batch: batchId[1],
      refA,
      refOther: OTHER_REF,
    },
    forbidden: {
      anonymous: allRefs,
      citizenA: [DECIDED_REF, OTHER_REF],
      citizenB: allRefs,
      instructeur: [OTHER_REF],
      presidente: [OTHER_REF],
      vicePresident: [OTHER_REF],
      nationalReader: allRefs,
      otherCourt: [refA, DECIDED_REF],
    },
  };
}

/** Replaces the placeholders (`:appA`, `:refOther`…) with the world's values. */
function resolve(text: string, ids: Ids): string {
  return text.replace(
    /:(appA|draftA|decided|other|random|bad|batch|refA|refOther)\b/g,
    (_match, key: keyof Ids) => ids[key],
  );
}

/** The visitor's session cookie, as a Cookie header ("" for the anonymous visitor). */
function cookieOf(world: World, visitor: Visitor): string {
  if (visitor === "anonymous") return "";
  const name = isCitizen(visitor) ? CITIZEN_COOKIE : AGENT_COOKIE;
  const value = world.clients[visitor].appCookie(name);
  if (!value) throw new Error(`${visitor} has no session`);
  return `${name}=${value}`;
}

// ─── Requests and what they must answer ──────────────────────────────────────────────────────────

type Variant = "page" | "data" | "legacy data" | "file data";

/** `/a/b?x=1` → `/a/b.data?x=1` (`/` → `/_root.data`): Remix's single-fetch data request. */
function dataPath(pathWithQuery: string): string {
  const [pathname = "/", query] = pathWithQuery.split("?");
  return `${pathname === "/" ? "/_root" : pathname}.data${query ? `?${query}` : ""}`;
}

function legacyDataPath(pathWithQuery: string, routeId: string): string {
  return `${pathWithQuery}${pathWithQuery.includes("?") ? "&" : "?"}${new URLSearchParams({ _data: routeId })}`;
}

/** What the route sees of its URL (Remix strips `index`). */
function seenPath(url: string): string {
  const parsed = new URL(url, "http://x");
  if (parsed.searchParams.has("index")) parsed.searchParams.delete("index");
  return `${parsed.pathname}${parsed.search}`;
}

/** Where the answer sends the browser, whatever the kind of request (or null). */
function redirectOf(variant: Variant, response: Response, body: string): string | null {
  if (variant === "page") {
    return response.status >= 300 && response.status < 400
      ? response.headers.get("location")
      : null;
  }
  if (variant !== "data" || response.status !== 202) return null;
  const encoded = /"redirect","((?:[^"\\]|\\.)*)"/.exec(body)?.[1];
  return encoded === undefined ? "?" : (JSON.parse(`"${encoded}"`) as string);
}

type Cell = {
  label: string;
  visitor: Visitor;
  variant: Variant;
  url: string;
  init: RequestInit;
  expected: string;
  /** The path whose login page a `login` cell expects, with what to come back to. */
  loginPath: string;
  forbidden: string[];
  /** How long it took (ATTACK_TIMINGS=1 lists the slowest). */
  ms?: number;
};

/** The mismatch of a cell, or null. */
async function run(cell: Cell, world: World): Promise<string | null> {
  const started = performance.now();
  const response = await fetch(cell.url, cell.init);
  const body = await response.text();
  cell.ms = performance.now() - started;
  const target = redirectOf(cell.variant, response, body);
  const got = `${response.status}${target ? ` → ${target}` : ""}`;
  const problems: string[] = [];
  const redirectStatus = {
    page: [302, 303],
    data: [202],
    "legacy data": [] as number[],
    "file data": [] as number[],
  }[cell.variant];
  const expectRedirect = (check: (location: string) => boolean) => {
    if (!redirectStatus.includes(response.status) || !target || !check(target)) {
      problems.push(`expected ${cell.expected}`);
    }
  };
  const { expected } = cell;
  if (/^\d{3}$/.test(expected)) {
    if (response.status !== Number(expected)) problems.push(`expected ${expected}`);
  } else if (expected === "login") {
    const login = cell.loginPath.startsWith("/bureau") ? "/bureau/connexion" : "/connexion";
    // On the way to a download, the login comes back to its page (app/server/agent/downloads.server.ts).
    const seen = new URL(seenPath(cell.loginPath), "http://x");
    const back = returnPathOf(seen.pathname, seen.search);
    expectRedirect((location) => location === `${login}?redirectTo=${encodeURIComponent(back)}`);
  } else if (expected === "→FranceConnect" || expected === "→ProConnect") {
    const callback =
      expected === "→FranceConnect" ? "/auth/franceconnect/callback" : "/bureau/auth/callback";
    expectRedirect((location) => {
      const url = new URL(location);
      return (
        url.origin !== world.origin &&
        url.pathname.endsWith("/authorize") &&
        url.searchParams.get("redirect_uri") === `${world.origin}${callback}`
      );
    });
  } else if (expected === "→batch") {
    expectRedirect((location) => /^\/bureau\/lots\/[0-9a-f-]{36}$/.test(location));
  } else if (expected.startsWith("→")) {
    expectRedirect((location) => location === resolve(expected.slice(1), world.ids));
  } else {
    problems.push(`unknown cell ${expected}`);
  }
  // No cell opens, ends or changes a session.
  const sessions = response.headers
    .getSetCookie()
    .filter(
      (cookie) => cookie.startsWith(`${CITIZEN_COOKIE}=`) || cookie.startsWith(`${AGENT_COOKIE}=`),
    );
  if (sessions.length > 0) problems.push(`Set-Cookie ${sessions.join(", ")}`);
  const leaked = cell.forbidden.filter((reference) => body.includes(reference));
  if (leaked.length > 0) problems.push(`names ${leaked.join(", ")}`);
  return problems.length > 0 ? `${cell.label}: got ${got}; ${problems.join("; ")}` : null;
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index] as T);
      }
    }),
  );
  return results;
}

/** The cells of the matrix (the `logout` ones aside), every variant. */
function matrixCells(world: World, routes: RouteFile[]): Cell[] {
  const cells: Cell[] = [];
  for (const [file, probes] of Object.entries(ROUTES)) {
    const route = routes.find((candidate) => candidate.file === file);
    let firstGet = true;
    for (const probe of probes) {
      const tokens = probe.cells.split(/\s+/);
      const dataTokens = probe.dataCells?.split(/\s+/) ?? tokens;
      const pathWithQuery = resolve(probe.path, world.ids);
      const variants: [Variant, string][] = [["page", pathWithQuery]];
      // Remix's data request, as the pages' script sends it: every action of a page, and its
      // loader once (the same loader as the page's other rows). The legacy data request, once
      // per loader: the same loader behind another door, which must stay shut.
      const loaderOnce = probe.method === "GET" && firstGet && route?.hasLoader;
      if (route?.isPage && (probe.method === "POST" ? route.hasAction : loaderOnce)) {
        variants.push(["data", dataPath(pathWithQuery)]);
      }
      if (loaderOnce && route) {
        variants.push(["legacy data", legacyDataPath(pathWithQuery, route.id)]);
      }
      // A file's data request (a route named like a file: `export.csv`): its loader once, its
      // action if it has one.
      const isFile = /\.[a-z0-9]+$/i.test(pathWithQuery.split("?")[0] ?? "");
      if (route && isFile && (probe.method === "POST" ? route.hasAction : loaderOnce)) {
        variants.push(["file data", dataPath(pathWithQuery)]);
      }
      if (probe.method === "GET") firstGet = false;
      for (const [index, visitor] of VISITORS.entries()) {
        if (tokens[index] === "logout") continue;
        const cookie = cookieOf(world, visitor);
        for (const [variant, url] of variants) {
          // The legacy data request and a file's are refused before the app, whoever asks
          // (server/http-guards.ts).
          const expected =
            variant === "legacy data" || variant === "file data"
              ? "400"
              : ((variant === "data" ? dataTokens : tokens)[index] ?? "?");
          const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
          const init: RequestInit = { method: probe.method, headers, redirect: "manual" };
          if (probe.method === "POST") {
            headers.Origin = world.origin;
            headers["Content-Type"] = "application/x-www-form-urlencoded";
            init.body = new URLSearchParams(
              (probe.form ?? []).map(([name, value]) => [name, resolve(value, world.ids)]),
            );
          }
          cells.push({
            label: `${visitor} ${probe.method} ${url.replace(world.ids.appA, ":appA")} (${variant})`,
            visitor,
            variant,
            url: `${world.origin}${url}`,
            init,
            expected,
            loginPath: variant === "legacy data" ? url : pathWithQuery,
            forbidden: probe.echoes
              ? world.forbidden[visitor].map((reference) => `Historique de la demande ${reference}`)
              : world.forbidden[visitor],
          });
        }
      }
    }
  }
  return cells;
}

// ─── CSRF ────────────────────────────────────────────────────────────────────────────────────────

/** Forms from elsewhere: what a browser sends when another site posts to the service. */
const FORGED: { name: string; headers: (origin: string) => Record<string, string>; data?: true }[] =
  [
    { name: "Origin of another site", headers: () => ({ Origin: "https://evil.example" }) },
    { name: "Origin null (sandboxed frame)", headers: () => ({ Origin: "null" }) },
    { name: "look-alike Origin", headers: (origin) => ({ Origin: `${origin}.evil.example` }) },
    {
      name: "another scheme",
      headers: (origin) => ({ Origin: origin.replace(/^http:/, "https:") }),
    },
    { name: "no Origin, cross-site", headers: () => ({ "Sec-Fetch-Site": "cross-site" }) },
    { name: "no Origin, same-site", headers: () => ({ "Sec-Fetch-Site": "same-site" }) },
    {
      name: "data request, Origin of another site",
      headers: () => ({ Origin: "https://evil.example" }),
      data: true,
    },
  ];

type Mutation = {
  /** Where the form is posted. */
  path: string;
  /** A form that, accepted, would change something (read when the case runs). */
  form: () => Promise<Record<string, string> | Fields>;
};

type CsrfSpec = {
  mutations: (visitor: Visitor) => Mutation[];
  /** What the pages show of what the forms would change ("" when there is nothing to see). */
  state?: (visitor: Visitor) => Promise<string>;
  /** Done before, once per visitor. */
  prepare?: (visitor: Visitor) => Promise<void>;
  /**
   * Visitors for whom the first form, posted from the app's own pages, must change the state: the
   * check would see a change.
   */
  control?: Visitor[];
};

function csrfSpecs(world: World): Record<string, CsrfSpec> {
  const { clients, ids } = world;
  const client = (visitor: Visitor) => {
    if (visitor === "anonymous") throw new Error("no client for the anonymous visitor");
    return clients[visitor];
  };
  const marker = `controle-${randomUUID().slice(0, 8)}`;
  /** Still logged in? */
  const session = async (visitor: Visitor) => {
    if (visitor === "anonymous") return "";
    const home = isCitizen(visitor) ? "/mon-compte" : "/bureau";
    return `session ${(await page(client(visitor), home)).status}`;
  };
  const applicationOf = (visitor: Visitor) => (visitor === "otherCourt" ? ids.other : ids.appA);
  /** An application as an agent sees it: its status, its version, the control note. */
  const agentView = async (visitor: Visitor) => {
    const shown = await page(client(visitor), `/bureau/demandes/${applicationOf(visitor)}`);
    const badges = [...shown.html.matchAll(/fr-badge[^>]*>([^<]+)</g)].map((m) => m[1]);
    return `${shown.status} ${inputs(shown.html).version} ${badges.join(",")} ${shown.html.includes(marker)}`;
  };
  /** The visitor's draft as the form's hidden fields give it (none: an empty id). */
  const draftOf = async (visitor: Visitor) => {
    const { applicationId = "", version = "0" } = inputs(
      (await page(client(visitor), "/demande/identite")).html,
    );
    return { applicationId, version };
  };
  /** The Paris court's id, as the help page's list of courts gives it. */
  const parisCourt = async (visitor: Visitor) => {
    const { html } = await page(client(visitor), "/aide");
    const id = /<option value="([0-9a-f-]{36})"[^>]*>[^<]*Paris/.exec(html)?.[1];
    if (!id) throw new Error("no Paris court in the list of /aide");
    return id;
  };
  const versionOf = async (visitor: Visitor) =>
    inputs((await page(client(visitor), `/bureau/demandes/${applicationOf(visitor)}`)).html)
      .version ?? "";
  return {
    "auth.franceconnect.tsx": {
      mutations: () => [{ path: "/auth/franceconnect", form: async () => ({ redirectTo: "/" }) }],
      state: session,
    },
    "bureau.auth.tsx": {
      mutations: () => [{ path: "/bureau/auth", form: async () => ({ redirectTo: "/bureau" }) }],
      state: session,
    },
    "deconnexion.tsx": {
      mutations: () => [{ path: "/deconnexion", form: async () => ({}) }],
      state: session,
    },
    "bureau.deconnexion.tsx": {
      mutations: () => [{ path: "/bureau/deconnexion", form: async () => ({}) }],
      state: session,
    },
    "bureau.agents.tsx": {
      mutations: (visitor) => [
        {
          path: "/bureau/agents",
          form: async () => ({
            intent: "add",
            email: `${marker}-${visitor}@justice.example`,
            givenName: "Agent",
            usualName: "CONTROLE",
            role: "INSTRUCTEUR",
            courtId:
              /<option value="([0-9a-f-]{36})"/.exec(
                (await page(client(visitor), "/bureau/agents")).html,
              )?.[1] ?? "",
          }),
        },
      ],
      state: async (visitor) => {
        const shown = await page(client(visitor), "/bureau/agents");
        return `${shown.status} ${shown.html.includes(`${marker}-${visitor}`)}`;
      },
    },
    "bureau.demandes.$id.tsx": {
      mutations: (visitor) => [
        {
          path: `/bureau/demandes/${applicationOf(visitor)}`,
          form: async () => ({ intent: "note", version: await versionOf(visitor), body: marker }),
        },
        {
          path: `/bureau/demandes/${applicationOf(visitor)}`,
          form: async () => ({ intent: "startReview", version: await versionOf(visitor) }),
        },
      ],
      state: agentView,
      control: ["instructeur"],
    },
    "bureau.journal.tsx": {
      mutations: () => [{ path: "/bureau/journal", form: async () => ({}) }],
      // A verification now, then one more event: another verification would count it.
      prepare: async (visitor) => {
        const verified = await client(visitor).post("/bureau/journal", {});
        expect(verified.status).toBe(200);
        await verified.text();
        await page(client(visitor), `/bureau/demandes/${applicationOf(visitor)}`);
      },
      state: async (visitor) => {
        const text = (await page(client(visitor), "/bureau/journal")).html.replace(/<[^>]*>/g, "");
        return /Dernière vérification : [\s\S]*?événements/.exec(text)?.[0] ?? "none";
      },
      control: ["presidente"],
    },
    "bureau.lots._index.tsx": {
      mutations: (visitor) => [
        {
          path: "/bureau/lots?index",
          form: async () =>
            batchOf("TAKE", `${applicationOf(visitor)}:${await versionOf(visitor)}`),
        },
      ],
      state: agentView,
    },
    "demande.identite.tsx": {
      mutations: (visitor) => [
        {
          path: "/demande/identite",
          form: async () => ({
            ...(await draftOf(visitor)),
            contactEmail: `${marker}@courriel.example`,
          }),
        },
      ],
      // A: his draft's e-mail; B: still no draft.
      state: async (visitor) => {
        const shown = await page(client(visitor), "/demande/identite");
        const draft = await page(client(visitor), "/demande");
        return `${shown.status} ${inputs(shown.html).contactEmail} ${draft.location}`;
      },
      control: ["citizenA"],
    },
    // The other steps: refused by the same guard as the first one, whose control shows that the
    // check sees a change. No control here: saving a step moves A's draft on, where the matrix
    // (again on a retry) expects it at the resources step. Accepted, the resources and procedure
    // forms would save their step and move the draft on, which the state would show; the recap's
    // would be refused anyway (A's draft has not reached it): for it, the guard's answer only.
    "demande.ressources.tsx": {
      mutations: (visitor) => [
        {
          path: "/demande/ressources",
          form: async () => ({
            ...(await draftOf(visitor)),
            declaredMovableAssets: "4242",
            declaredRealEstateAssets: "0",
            seriousCrimeVictim: "non",
            legalExpensesInsurance: "non",
          }),
        },
      ],
      state: async (visitor) => {
        const shown = await page(client(visitor), "/demande/ressources");
        const draft = await page(client(visitor), "/demande");
        return `${shown.status} ${inputs(shown.html).declaredMovableAssets} ${draft.location}`;
      },
    },
    "demande.procedure.tsx": {
      mutations: (visitor) => [
        {
          path: "/demande/procedure",
          form: async () => ({
            ...(await draftOf(visitor)),
            caseKind: "CIVIL",
            caseSubkind: "Logement",
            courtId: await parisCourt(visitor),
            applicantRole: "Défendeur",
            procedureStage: "Avant toute procédure",
            description: marker,
            lawyer: "designation",
            urgent: "non",
          }),
        },
      ],
      state: async (visitor) => `${(await page(client(visitor), "/demande")).location}`,
    },
    "demande.recapitulatif.tsx": {
      mutations: (visitor) => [
        {
          path: "/demande/recapitulatif",
          form: async () => ({
            ...(await draftOf(visitor)),
            attestation: "oui",
            electronicExchanges: "oui",
          }),
        },
      ],
      // Filed, the application would leave no draft: « Déposer une demande » would start anew.
      state: async (visitor) => `${(await page(client(visitor), "/demande")).location}`,
    },
    "mes-demandes.$id.tsx": {
      mutations: () => [
        { path: `/mes-demandes/${ids.appA}`, form: async () => ({ body: marker }) },
        {
          path: `/mes-demandes/${ids.appA}`,
          form: async () => ({ intent: "withdraw", confirm: "oui" }),
        },
      ],
      state: async () => {
        const shown = await page(clients.citizenA, `/mes-demandes/${ids.appA}`);
        const badges = [...shown.html.matchAll(/fr-badge[^>]*>([^<]+)</g)].map((m) => m[1]);
        return `${shown.status} ${badges.join(",")} ${shown.html.includes(marker)}`;
      },
      control: ["citizenA"],
    },
  };
}

/** Visitors who may use each action: those whose POST is not refused in the matrix. */
function actionUsers(file: string): Visitor[] {
  const users = new Set<Visitor>();
  for (const probe of ROUTES[file] ?? []) {
    if (probe.method !== "POST") continue;
    for (const [index, cell] of probe.cells.split(/\s+/).entries()) {
      if (!["login", "403", "404", "405"].includes(cell)) users.add(VISITORS[index] as Visitor);
    }
  }
  return [...users];
}

// ─── The tests ───────────────────────────────────────────────────────────────────────────────────

test.describe("attacks over HTTP", () => {
  test.skip(({ isMobile }) => isMobile, "server-side only: once, on the desktop project");
  // In order, in one worker (the last test logs everyone out); a failure does not stop the others.
  test.describe.configure({ mode: "default", timeout: 150_000 });

  const routes = routeFiles();
  /** Built by the first test that needs it (again in a new worker, after a failure). */
  let building: Promise<World> | null = null;
  let origin = "";
  const worldOf = (baseURL: string | undefined) => {
    origin = new URL(String(baseURL)).origin;
    building ??= buildWorld(origin);
    return building;
  };

  // A leaves no draft behind (see CITIZENS), whatever happened.
  test.afterAll(async () => {
    if (!building) return;
    await building.catch(() => null);
    const citizenA = await citizenLogin(origin, CITIZENS.citizenA);
    if (inputs((await page(citizenA, "/demande/identite")).html).applicationId) {
      await fileApplication(citizenA);
    }
    expect((await page(citizenA, "/demande")).location).toBe("/demande/identite");
  });

  test("every route file has its rows, every action its CSRF case", () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(Object.keys(ROUTES).sort(), "ROUTES: one entry per file of app/routes").toEqual(
      routes.map((route) => route.file).sort(),
    );
    for (const route of routes) {
      const probes = ROUTES[route.file] ?? [];
      for (const probe of probes) {
        const pathname = probe.path.split("?")[0] as string;
        expect(routeOf(routes, pathname), `${probe.path} is served by ${route.file}`).toBe(
          route.file,
        );
        for (const cells of [probe.cells, probe.dataCells ?? probe.cells]) {
          expect(
            cells.split(/\s+/),
            `${route.file} ${probe.path}: one cell per visitor`,
          ).toHaveLength(VISITORS.length);
        }
      }
      expect(
        probes.some((probe) => probe.method === "GET"),
        `${route.file}: a GET`,
      ).toBe(true);
      const posts = probes.filter((probe) => probe.method === "POST");
      expect(posts.length, `${route.file}: a POST`).toBeGreaterThan(0);
      const refusedEverywhere = posts.every((probe) => probe.cells === all("405"));
      expect(refusedEverywhere, `${route.file}: 405 exactly when there is no action`).toBe(
        !route.hasAction,
      );
    }
    const actions = routes.filter((route) => route.hasAction).map((route) => route.file);
    const specs = csrfSpecs({ origin: "", clients: {}, ids: {}, forbidden: {} } as World);
    expect(Object.keys(specs).sort(), "a CSRF case per action").toEqual(actions.sort());
  });

  test("authorization matrix: every route × every visitor, pages, data requests and actions", async ({
    baseURL,
  }) => {
    const world = await worldOf(baseURL);
    const cells = matrixCells(world, routes);
    const started = Date.now();
    const problems = (await pool(cells, 6, (cell) => run(cell, world))).filter(
      (problem): problem is string => problem !== null,
    );
    const probes = Object.values(ROUTES).flat();
    test.info().annotations.push({
      type: "matrix",
      description:
        `${routes.length} route files, ${probes.length} rows × ${VISITORS.length} visitors: ` +
        `${cells.length} requests in ${Math.round((Date.now() - started) / 1000)} s`,
    });
    if (process.env.ATTACK_TIMINGS) {
      console.log(
        test
          .info()
          .annotations.map((a) => a.description)
          .join("\n"),
      );
      const byVariant = new Map<string, number>();
      for (const cell of cells) byVariant.set(cell.variant, (byVariant.get(cell.variant) ?? 0) + 1);
      console.log([...byVariant].map(([variant, count]) => `${variant}: ${count}`).join(", "));
      const slowest = [...cells].sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0)).slice(0, 25);
      console.log(slowest.map((cell) => `${Math.round(cell.ms ?? 0)} ms ${cell.label}`).join("\n"));
    }
    expect(problems, `${problems.length} of ${cells.length} cells differ`).toEqual([]);
  });

  test("CSRF: every action posted from another site is refused, and changes nothing", async ({
    baseURL,
  }) => {
    const world = await worldOf(baseURL);
    const specs = csrfSpecs(world);
    const problems: string[] = [];
    let requests = 0;
    for (const [file, spec] of Object.entries(specs)) {
      for (const visitor of actionUsers(file)) {
        await spec.prepare?.(visitor);
        const before = (await spec.state?.(visitor)) ?? "";
        const cookie = cookieOf(world, visitor);
        for (const mutation of spec.mutations(visitor)) {
          const body = new URLSearchParams(await mutation.form());
          for (const forged of FORGED) {
            const url = forged.data ? dataPath(mutation.path) : mutation.path;
            const response = await fetch(`${world.origin}${url}`, {
              method: "POST",
              headers: {
                ...(cookie ? { Cookie: cookie } : {}),
                "Content-Type": "application/x-www-form-urlencoded",
                ...forged.headers(world.origin),
              },
              body,
              redirect: "manual",
            });
            requests++;
            const text = await response.text();
            const label = `${visitor} POST ${url} (${forged.name})`;
            if (response.status !== 403) problems.push(`${label}: ${response.status}`);
            if (!text.includes("Action refusée") || !text.includes("envoyé depuis un autre site")) {
              problems.push(`${label}: not the French refusal page`);
            }
            if (!response.headers.get("content-type")?.startsWith("text/html")) {
              problems.push(`${label}: ${response.headers.get("content-type")}`);
            }
            if (response.headers.getSetCookie().length > 0) {
              problems.push(`${label}: Set-Cookie ${response.headers.getSetCookie().join(", ")}`);
            }
          }
        }
        const after = (await spec.state?.(visitor)) ?? "";
        if (after !== before) problems.push(`${visitor} ${file}: ${before} became ${after}`);
        // The same forms from the app's own pages: the state moves, so the check would see it.
        const [first] = spec.mutations(visitor);
        if (first && spec.control?.includes(visitor)) {
          const response = await world.clients[visitor as Exclude<Visitor, "anonymous">].post(
            first.path,
            await first.form(),
          );
          await response.text();
          const controlled = (await spec.state?.(visitor)) ?? "";
          if (controlled === before)
            problems.push(`${visitor} ${file}: the control changed nothing`);
        }
      }
    }
    test.info().annotations.push({ type: "csrf", description: `${requests} forged requests` });
    expect(problems).toEqual([]);
  });

  test("session fixation: a cookie planted before the login is never the session after it", async ({
    baseURL,
  }) => {
    const world = await worldOf(baseURL);
    const { origin } = world;
    const opens = async (cookie: string, protectedPath: string) => {
      const response = await fetch(`${origin}${protectedPath}`, {
        headers: { Cookie: cookie },
        redirect: "manual",
      });
      await response.text();
      return response.status === 200;
    };
    /** The session a response opens, if any. */
    const issued = (response: Response, name: string) =>
      response.headers
        .getSetCookie()
        .map((cookie) => new RegExp(`^${name}=([^;]+)`).exec(cookie)?.[1])
        .find(Boolean) ?? null;
    const identityOf = async (cookie: string) => {
      const response = await fetch(`${origin}/mon-compte/donnees.json`, {
        headers: { Cookie: cookie },
      });
      return ((await response.json()) as { identity: unknown }).identity;
    };
    const sides = [
      {
        name: CITIZEN_COOKIE,
        home: "/mon-compte",
        victim: (client: AppClient, hook?: (url: string, c: AppClient) => void) =>
          citizenLogin(origin, CITIZENS.citizenA, { client, beforeCallback: hook }),
        attacker: () => citizenLogin(origin, CITIZENS.citizenB),
        state: "fc_state",
      },
      {
        name: AGENT_COOKIE,
        home: "/bureau",
        victim: (client: AppClient, hook?: (url: string, c: AppClient) => void) =>
          agentLogin(origin, AGENT_LOGINS.instructeur.login, { client, beforeCallback: hook }),
        attacker: () => agentLogin(origin, "julie.petit"),
        state: "pc_state",
      },
    ];
    for (const side of sides) {
      // Made up by the attacker: well-formed (as the app encodes an id), or anything.
      const madeUp = Buffer.from(
        JSON.stringify(randomUUID().replaceAll("-", "").padEnd(43, "x")),
      ).toString("base64");
      // A real session: the attacker's own, planted in the victim's browser.
      const attackerCookie = (await side.attacker()).appCookie(side.name) as string;
      expect(await opens(`${side.name}=${attackerCookie}`, side.home)).toBe(true);
      for (const planted of [madeUp, "attacker-chosen-value", attackerCookie]) {
        const browser = new AppClient(origin);
        browser.setAppCookie(side.name, planted);
        let preLogin: { callback: string; cookies: string } | null = null;
        await side.victim(browser, (callback, client) => {
          preLogin = { callback, cookies: client.cookieHeader(origin) };
        });
        const session = browser.appCookie(side.name) as string;
        expect(session, `${side.name}: a new session at login`).not.toBe(planted);
        expect(await opens(`${side.name}=${session}`, side.home)).toBe(true);
        // The planted value opens nothing: made up, or the attacker's session ended by the login.
        expect(await opens(`${side.name}=${planted}`, side.home), `${planted} after login`).toBe(
          false,
        );
        // The cookies issued before the login (state, return path) are no session…
        const before = preLogin as { callback: string; cookies: string } | null;
        if (!before) throw new Error("no callback");
        expect(before.cookies).toContain(side.state);
        const stateOnly = before.cookies
          .split("; ")
          .filter((cookie) => !cookie.startsWith(`${side.name}=`))
          .join("; ");
        expect(await opens(stateOnly, side.home)).toBe(false);
        // …the login cleared them…
        expect(
          browser.lastLogin?.setCookies.some((cookie) =>
            new RegExp(`^${side.state}[^=]*=;.*Expires=Thu, 01 Jan 1970`).test(cookie),
          ),
        ).toBe(true);
        // …and replaying the provider's answer opens nothing with the URL alone…
        const urlOnly = await fetch(before.callback, { redirect: "manual" });
        await urlOnly.text();
        expect(urlOnly.status, "callback replayed without cookies").toBeGreaterThanOrEqual(400);
        expect(issued(urlOnly, side.name)).toBeNull();
        // …nor with the cookies of before the login, for an agent. A citizen's return may be
        // reloaded while the first one waits for the DGFiP: with the same state cookie, for two
        // minutes, it opens the same person's login again (app/server/auth/citizen-login.server.ts),
        // never anyone else's.
        const replay = await fetch(before.callback, {
          headers: { Cookie: stateOnly },
          redirect: "manual",
        });
        await replay.text();
        const reopened = issued(replay, side.name);
        if (side.name === CITIZEN_COOKIE && reopened) {
          expect(await identityOf(`${side.name}=${reopened}`)).toEqual(
            await identityOf(`${side.name}=${session}`),
          );
        } else {
          expect(replay.status, "callback replayed with the state cookie").toBeGreaterThanOrEqual(
            400,
          );
          expect(reopened).toBeNull();
        }
      }
    }
  });

  test("logout: every role's old cookie opens nothing afterwards", async ({ baseURL }) => {
    const world = await worldOf(baseURL);
    const { origin, ids } = world;
    const logouts = [
      { file: "deconnexion.tsx", path: "/deconnexion" },
      { file: "bureau.deconnexion.tsx", path: "/bureau/deconnexion" },
    ];
    const marker = `apres-deconnexion-${randomUUID().slice(0, 8)}`;
    for (const { file, path: logoutPath } of logouts) {
      const probe = ROUTES[file]?.find((candidate) => candidate.method === "POST");
      const tokens = probe?.cells.split(/\s+/) ?? [];
      const visitors = VISITORS.filter((_visitor, index) => tokens[index] === "logout");
      expect(visitors.length).toBeGreaterThan(0);
      for (const visitor of visitors) {
        const cookie = cookieOf(world, visitor);
        const name = cookie.split("=")[0] as string;
        const send = (url: string, form?: Record<string, string>) =>
          fetch(`${origin}${url}`, {
            method: form ? "POST" : "GET",
            headers: form
              ? {
                  Cookie: cookie,
                  Origin: origin,
                  "Content-Type": "application/x-www-form-urlencoded",
                }
              : { Cookie: cookie },
            body: form ? new URLSearchParams(form) : undefined,
            redirect: "manual",
          });
        const out = await send(logoutPath, {});
        await out.text();
        expect(out.status, `${visitor} logs out`).toBe(302);
        // Through the provider's logout page; the session cookie cleared.
        expect(new URL(out.headers.get("location") ?? "", origin).pathname).toMatch(
          /\/session\/end$/,
        );
        expect(out.headers.getSetCookie().some((c) => c.startsWith(`${name}=;`))).toBe(true);

        const home = isCitizen(visitor) ? "/mon-compte" : "/bureau";
        const loginPage = isCitizen(visitor) ? "/connexion" : "/bureau/connexion";
        const action: { path: string; form: Record<string, string> } = isCitizen(visitor)
          ? { path: `/mes-demandes/${ids.appA}`, form: { body: marker } }
          : {
              path: `/bureau/demandes/${ids.appA}`,
              form: { intent: "note", version: "1", body: marker },
            };
        for (const [url, form] of [
          [home, undefined],
          [dataPath(home), undefined],
          [action.path, action.form],
        ] as const) {
          const replay = await send(url, form);
          const text = await replay.text();
          const target = redirectOf(url.endsWith(".data") ? "data" : "page", replay, text);
          expect(target, `${visitor}: ${url} with the old cookie`).toBe(
            `${loginPage}?redirectTo=${encodeURIComponent(url.replace(/\.data$/, ""))}`,
          );
          expect(replay.headers.getSetCookie()).toEqual([]);
        }
        // Logging out again: nothing to close, nothing cleared.
        const again = await send(logoutPath, {});
        await again.text();
        expect(again.status).toBe(302);
        expect(again.headers.get("location")).toBe(isCitizen(visitor) ? "/" : "/bureau/connexion");
        expect(again.headers.getSetCookie()).toEqual([]);
      }
    }
    // What the old cookies posted was not written.
    const [citizen, agent] = await Promise.all([
      citizenLogin(origin, CITIZENS.citizenA),
      agentLogin(origin, AGENT_LOGINS.instructeur.login),
    ]);
    expect((await page(citizen, `/mes-demandes/${ids.appA}`)).html).not.toContain(marker);
    expect((await page(agent, `/bureau/demandes/${ids.appA}`)).html).not.toContain(marker);
  });
});
