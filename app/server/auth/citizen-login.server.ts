/**
 * What happens when FranceConnect sends the citizen back: on a verified identity, the Citizen is
 * upserted by its FranceConnect subject, the login is traced and a new session opens; otherwise no
 * session, and a French explanation of what went wrong.
 */
import { redirect } from "@remix-run/node";
import { z } from "zod";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent, auditedTransaction } from "../audit.server";
import { clean, log } from "../log.server";
import {
  type AnyDataProvider,
  collect,
  type FetchStatus,
  fetchFrom,
  loginProviders,
  retryInBackground,
} from "../providers/adapter.server";
import type { SessionStore } from "../session.server";
import { type TaxFetchStatus, taxFetchStatusSchema } from "../tax.server";
import type { FranceConnect, FranceConnectLogin } from "./franceconnect.server";
import { describeFailure, type LoginFailure } from "./login-failure.server";

export type CallbackOutcome = Response | { failure: LoginFailure; headers: Headers };

type Deps = {
  fc: FranceConnect;
  prisma: PrismaClient;
  sessions: SessionStore;
  /**
   * The enabled data providers: those called at every login (the DGFiP), and those called only
   * on the return of a round trip where the citizen consented to their scopes (France Travail).
   */
  providers: AnyDataProvider[];
  /** Pauses between the background tries of a login provider (default: while the token lives). */
  retryPauses?: number[];
  /** How long a reload of the return waits for the first request (default: 20 s). */
  reloadWaitMs?: number;
};

/** What a reload of the return needs to open the same login's session. */
const loginOutcomeSchema = z.object({
  citizenId: z.uuid(),
  idToken: z.string(),
  taxFetch: taxFetchStatusSchema,
  to: z.string().startsWith("/"),
});
type LoginOutcome = z.infer<typeof loginOutcomeSchema>;

/** Longer than the DGFiP's budget and the token exchange together. */
const RELOAD_WAIT_MS = 20_000;

/**
 * The FranceConnect return. The same browser may send it twice: a reload while the first one waits
 * for the DGFiP. The code can be exchanged only once, so the second waits for the first (whichever
 * instance handles it) and opens a session with its outcome, instead of failing. Only the browser
 * that holds the attempt's state cookie can do so: the URL alone gives nothing.
 */
export async function handleFranceConnectCallback(
  request: Request,
  deps: Deps,
): Promise<CallbackOutcome> {
  const key = deps.fc.attemptKey(request);
  const first = key !== null && (await claimAttempt(deps.prisma, key));
  if (key && !first) {
    const earlier = await outcomeOf(deps.prisma, key, deps.reloadWaitMs ?? RELOAD_WAIT_MS);
    if (earlier) {
      await deps.prisma.$transaction((tx) =>
        appendAuditEvent(tx, {
          actorType: "CITIZEN",
          actorId: earlier.citizenId,
          action: "citizen.logged_in",
          data: { provider: "franceconnect", acr: "eidas1", reload: true },
        }),
      );
      return openSession(request, deps, deps.fc.clearAttempt(request), earlier);
    }
    // The first one failed (or is still running): this one fails as it would have, and says why.
  }
  let outcome: LoginOutcome | null = null;
  try {
    return await completeLogin(request, deps, (done) => {
      outcome = done;
    });
  } finally {
    if (key && first) await settleAttempt(deps.prisma, key, outcome);
  }
}

/**
 * How long an attempt is kept for a reload (its outcome holds an id_token, as a session does): the
 * wait of a reload, and a little more.
 */
const ATTEMPT_KEPT_MS = 30_000;

/** Forgets the attempts older than a reload could need (at each login, and by a periodic job). */
export async function forgetOldLoginAttempts(prisma: PrismaClient, now = new Date()) {
  const { count } = await prisma.loginCallback.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - ATTEMPT_KEPT_MS) } },
  });
  return { forgotten: count };
}

/**
 * True when this request is the first to answer the attempt `key`; forgets the old attempts in the
 * same statement.
 */
async function claimAttempt(prisma: PrismaClient, key: string): Promise<boolean> {
  const expired = new Date(Date.now() - ATTEMPT_KEPT_MS);
  const inserted = await prisma.$executeRaw`
    WITH forgotten AS (DELETE FROM login_callback WHERE created_at < ${expired})
    INSERT INTO login_callback (key) VALUES (${key}) ON CONFLICT (key) DO NOTHING`;
  return inserted === 1;
}

/**
 * The first request's outcome once it has one, taken (once: it is deleted as it is read); null if
 * the first request failed, or took too long.
 */
async function outcomeOf(
  prisma: PrismaClient,
  key: string,
  waitMs: number,
): Promise<LoginOutcome | null> {
  for (const until = Date.now() + waitMs; Date.now() < until; ) {
    const [taken] = await prisma.$queryRaw<{ outcome: unknown }[]>`
      DELETE FROM login_callback WHERE key = ${key} AND outcome IS NOT NULL RETURNING outcome`;
    if (taken) {
      const parsed = loginOutcomeSchema.safeParse(taken.outcome);
      return parsed.success ? parsed.data : null;
    }
    if ((await prisma.loginCallback.count({ where: { key } })) === 0) return null;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return null;
}

/** Records the first request's outcome for a reload, or forgets the attempt when it failed. */
async function settleAttempt(prisma: PrismaClient, key: string, outcome: LoginOutcome | null) {
  if (outcome) {
    await prisma.loginCallback.updateMany({ where: { key }, data: { outcome } });
  } else {
    await prisma.loginCallback.deleteMany({ where: { key } });
  }
}

async function openSession(
  request: Request,
  deps: Deps,
  headers: Headers,
  outcome: LoginOutcome,
): Promise<Response> {
  headers.append(
    "Set-Cookie",
    await deps.sessions.create(request, {
      kind: "CITIZEN",
      citizenId: outcome.citizenId,
      data: { idToken: outcome.idToken, taxFetch: outcome.taxFetch },
    }),
  );
  return redirect(outcome.to, { headers });
}

async function completeLogin(
  request: Request,
  deps: Deps,
  done: (outcome: LoginOutcome) => void,
): Promise<CallbackOutcome> {
  const result = await deps.fc.callback(request);
  const { headers } = result;
  if (!result.ok) {
    if (result.error.kind === "access_denied") {
      // Refused at FranceConnect: a consent asked from a page goes back to it, still logged in.
      if (result.consented.length) {
        return redirect(withNotice(result.returnTo, "refusees"), { headers });
      }
      return redirect("/?connexion=annulee", { headers });
    }
    if (result.error.kind !== "unreachable") {
      log().warn(
        {
          kind: result.error.kind,
          providerCode: clean(result.error.providerCode ?? "", 60),
          detail: clean(result.error.message, 200),
        },
        "connexion FranceConnect refusée",
      );
    }
    return { failure: describeFailure(result.error), headers };
  }

  const { identity, idToken, accessToken } = result.login;
  const certified = {
    givenName: identity.given_name,
    familyName: identity.family_name,
    preferredUsername: identity.preferred_username || null,
    birthdate: identity.birthdate,
    gender: identity.gender,
    birthplace: identity.birthplace,
    birthcountry: identity.birthcountry,
    fcEmail: identity.email ?? null,
  };
  if (result.consented.length) {
    // Only for the person who asked, in this browser: anyone else coming back logs in as usual.
    if (await isSessionCitizen(request, deps, identity.sub)) {
      return completeConsent(request, deps, result, certified, done);
    }
    log().info("retour de consentement d'une autre personne : connexion ordinaire");
  }
  // Right away: the FranceConnect access token lives 60 s. The citizen waits a few seconds at most
  // (each provider's budget, DGFIP_BUDGET_MS); when a provider is unavailable meanwhile, they are
  // let in and its fetch goes on in the background while the token lives. A failure never blocks
  // the login.
  const tokenObtainedAt = Date.now();
  const atLogin = loginProviders(deps.providers);
  const fetched = await Promise.all(atLogin.map((provider) => fetchFrom(provider, accessToken)));
  // The citizen, their login and what the providers answered: one transaction, its audit events
  // written together at its end.
  const now = new Date();
  const { citizen, statuses } = await auditedTransaction(deps.prisma, async (tx) => {
    const saved = await saveLogin(tx, identity, certified, now);
    const stored: FetchStatus[] = [];
    for (const [index, provider] of atLogin.entries()) {
      stored.push(await provider.store(tx, saved.id, fetched[index]));
    }
    return { citizen: saved, statuses: stored };
  });
  for (const [index, provider] of atLogin.entries()) {
    const status = statuses[index];
    if (status?.status !== "failed" || status.reason !== "unavailable") continue;
    const retry = retryInBackground(
      provider,
      deps.prisma,
      citizen.id,
      accessToken,
      tokenObtainedAt,
      deps.retryPauses,
    );
    void retry.catch((error: unknown) =>
      log().error({ err: error }, `${provider.name} : nouvel essai en arrière-plan impossible`),
    );
  }
  // The pages explain the fetch of the tax notice, the basis of legal aid.
  const first = statuses[atLogin.findIndex(isTaxNotice)] ?? UNAVAILABLE;
  const taxFetch: TaxFetchStatus =
    first.status === "failed" && first.reason === "unavailable"
      ? { status: "pending", since: new Date().toISOString() }
      : first;
  const outcome = {
    citizenId: citizen.id,
    idToken,
    taxFetch,
    to: result.returnTo === "/" ? "/mon-compte" : result.returnTo,
  };
  done(outcome);
  return openSession(request, deps, headers, outcome);
}

const UNAVAILABLE = { status: "failed", reason: "unavailable" } as const;

/** The provider whose answer is the tax notice (the DGFiP). */
function isTaxNotice(provider: AnyDataProvider): boolean {
  return provider.link === "taxRecord";
}

/** `path` with `?donnees=notice`: what the page says of the consented fetch. */
function withNotice(path: string, notice: string): string {
  const to = new URL(path, "http://local.invalid");
  to.searchParams.set("donnees", notice);
  return to.pathname + to.search;
}

/** Whether this browser's session is the citizen FranceConnect knows as `sub`. */
async function isSessionCitizen(request: Request, deps: Deps, sub: string): Promise<boolean> {
  const session = await deps.sessions.read(request);
  if (!session?.citizenId) return false;
  const citizen = await deps.prisma.citizen.findUnique({
    where: { id: session.citizenId },
    select: { fcSub: true },
  });
  return citizen?.fcSub === sub;
}

/** The citizen as FranceConnect certifies them (created on their first login), and the login traced. */
async function saveLogin(
  tx: Prisma.TransactionClient,
  identity: FranceConnectLogin["identity"],
  certified: Omit<Prisma.CitizenCreateInput, "fcSub" | "lastLoginAt">,
  now: Date,
  extra: Record<string, unknown> = {},
) {
  const saved = await tx.citizen.upsert({
    where: { fcSub: identity.sub },
    create: { fcSub: identity.sub, ...certified, contactEmail: identity.email, lastLoginAt: now },
    update: { ...certified, lastLoginAt: now },
  });
  await appendAuditEvent(tx, {
    actorType: "CITIZEN",
    actorId: saved.id,
    action: "citizen.logged_in",
    data: { provider: "franceconnect", acr: "eidas1", ...extra },
    occurredAt: now,
  });
  return saved;
}

/** What the page the citizen comes back to is told of the consented fetch (`?donnees=`). */
const CONSENT_NOTICE = {
  found: "recues",
  no_record: "aucune",
  failed: "indisponibles",
} as const;

/**
 * The return of a second round trip, made to consent to a provider (France Travail's payments…):
 * the same login as any other (citizen updated, login traced, new session), but only the consented
 * providers are called, and the DGFiP's latest answer stays the session's.
 */
async function completeConsent(
  request: Request,
  deps: Deps,
  result: Extract<Awaited<ReturnType<FranceConnect["callback"]>>, { ok: true }>,
  certified: Omit<Prisma.CitizenCreateInput, "fcSub" | "lastLoginAt">,
  done: (outcome: LoginOutcome) => void,
): Promise<Response> {
  const { identity, idToken, accessToken } = result.login;
  const now = new Date();
  const citizen = await deps.prisma.$transaction((tx) =>
    saveLogin(tx, identity, certified, now, { consent: result.consented }),
  );
  let notice: keyof typeof CONSENT_NOTICE = "found";
  for (const id of result.consented) {
    const provider = deps.providers.find((p) => p.id === id && p.when === "consent");
    const { status } = provider
      ? await collect(provider, deps.prisma, citizen.id, accessToken)
      : UNAVAILABLE;
    if (status === "failed" || (status === "no_record" && notice === "found")) notice = status;
  }
  const taxProvider = deps.providers.find(isTaxNotice);
  const tax = taxProvider ? await taxProvider.latest(deps.prisma, citizen.id) : null;
  const taxFetch: TaxFetchStatus = tax
    ? { status: tax.found ? "found" : "no_record", recordId: tax.recordId }
    : UNAVAILABLE;
  const to = withNotice(result.returnTo, CONSENT_NOTICE[notice]);
  const outcome = { citizenId: citizen.id, idToken, taxFetch, to };
  done(outcome);
  return openSession(request, deps, result.headers, outcome);
}
