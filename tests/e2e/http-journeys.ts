/**
 * Citizens and agents as browsers without JavaScript, over plain HTTP: many at once where a real
 * browser per person would not fit on the machine (load.check.ts, faults.check.ts). Every page of the
 * app a journey asks for is timed under a label (its route, ids replaced), the local FranceConnect's
 * and ProConnect's pages are not; any answer but the expected one is an error.
 */
import { AppClient, agentLogin, citizenLogin, decodeHtml, inputs } from "./http-login";

/** Milliseconds per page label ("POST /demande/:etape"…), for the report. */
export type Timings = Map<string, number[]>;

export class UnexpectedAnswer extends Error {
  override name = "UnexpectedAnswer";
  constructor(
    readonly label: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${label} : ${status} ${detail}`);
  }
}

type Answer = { status: number; location: string | null; body: string; url: string };

/**
 * A person's browser on the app at `base` (http-login.ts's client: cookies of every site kept, the
 * app's forms posted with its Origin), whose requests to the app are timed, body included.
 */
export class Visitor extends AppClient {
  constructor(
    base: string,
    private readonly timings?: Timings,
  ) {
    super(base);
  }

  override async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const started = performance.now();
    const response = await super.fetch(url, init);
    if (!this.timings || !url.startsWith(this.origin)) return response;
    const body = await response.arrayBuffer();
    const label = labelOf(init.method ?? "GET", url);
    const list = this.timings.get(label) ?? [];
    list.push(performance.now() - started);
    this.timings.set(label, list);
    return new Response(response.status === 204 ? null : body, {
      status: response.status,
      headers: response.headers,
    });
  }

  /** One request of the app; no redirect followed. */
  async request(url: string, init: RequestInit = {}): Promise<Answer> {
    const response = await this.fetch(this.url(url), init);
    const body = await response.text();
    return { status: response.status, location: response.headers.get("location"), body, url };
  }

  /** Follows redirects to a page (Agent.walk); throws unless it answers 200. */
  async page(url: string, init: RequestInit = {}): Promise<Answer> {
    const reached = await this.walk(this.url(url), "never:", init);
    const status = reached.response?.status ?? 0;
    if (status !== 200) {
      const method = reached.url === this.url(url) ? (init.method ?? "GET") : "GET";
      throw new UnexpectedAnswer(labelOf(method, reached.url), status, "");
    }
    return { status, location: null, body: reached.body ?? "", url: reached.url };
  }

  /** A form of the app's pages, posted; `follow`: to the page it leads to (else the answer). */
  submit(url: string, fields: Record<string, string>, follow = true): Promise<Answer> {
    const init: RequestInit = {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    };
    return follow ? this.page(url, init) : this.request(url, init);
  }

  /** Logs in at the local FranceConnect as `login` (a demo or generated account). */
  async asCitizen(login: string, redirectTo = "/demande") {
    await citizenLogin(this.origin, login, { client: this, redirectTo });
    return this;
  }

  /** Logs in at the local ProConnect as the demo agent `login` ("camille.martin"…). */
  async asAgent(login: string) {
    await agentLogin(this.origin, login, { client: this });
    return this;
  }
}

/** `GET /mes-demandes/5f0c…` → `GET /mes-demandes/:id`. */
export function labelOf(method: string, url: string): string {
  const path = new URL(url).pathname
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id")
    .replace(/^\/demande\/[a-z]+$/, "/demande/:etape");
  return `${method} ${path}`;
}

/** The value of the `<option>` whose text is `label`. */
export function optionValue(html: string, label: string): string {
  // React separates adjacent texts with empty comments: "Paris<!-- --> (<!-- -->75<!-- -->)".
  const flat = html.replaceAll("<!-- -->", "");
  for (const [, value = "", text = ""] of flat.matchAll(
    /<option\b[^>]*value="([^"]*)"[^>]*>([^<]*)</g,
  )) {
    if (decodeHtml(text).trim() === label) return value;
  }
  throw new Error(`Pas d'option « ${label} »`);
}

/** The draft as the step's page shows it (hidden fields). */
function draftOf(html: string) {
  const { applicationId = "", version = "0" } = inputs(html);
  return { applicationId, version };
}

/**
 * The three steps of the form, from a logged-in citizen's /demande; stops on the summary, before
 * submitting. Returns the summary page's draft fields.
 */
export async function fillApplication(visitor: Visitor, email: string) {
  const identity = await visitor.page("/demande/identite");
  await visitor.submit("/demande/identite", { ...draftOf(identity.body), contactEmail: email });
  const resources = await visitor.page("/demande/ressources");
  await visitor.submit("/demande/ressources", {
    ...draftOf(resources.body),
    declaredMovableAssets: "1500",
    declaredRealEstateAssets: "0",
    seriousCrimeVictim: "non",
    legalExpensesInsurance: "non",
  });
  const procedure = await visitor.page("/demande/procedure");
  await visitor.submit("/demande/procedure", {
    ...draftOf(procedure.body),
    caseKind: "CIVIL",
    caseSubkind: "Logement",
    courtId: optionValue(procedure.body, "Paris (75)"),
    applicantRole: "Défendeur",
    procedureStage: "Avant toute procédure",
    description: "Un litige de logement, décrit pour l'essai de charge.",
    lawyer: "designation",
    urgent: "non",
  });
  const summary = await visitor.page("/demande/recapitulatif");
  return draftOf(summary.body);
}

/** The submission of the summary: `/mes-demandes/<id>` once deposited. */
export function submitFields(draft: { applicationId: string; version: string }) {
  return { ...draft, attestation: "oui", electronicExchanges: "oui" };
}
