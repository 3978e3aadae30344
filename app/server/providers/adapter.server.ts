/**
 * What every « API FranceConnectée » this service calls is, to the rest of the code: an adapter
 * (docs/decisions/033). The login, the consent round trip, the application's submission, the
 * agent's page and the eligibility rules go through this interface only; each provider's file says
 * how it calls its API, what it stores and what it certifies. Adding a provider is one adapter, its
 * client, its stand-in and an entry in the registry (docs/cloner-ce-modele.md).
 */

import type { Representation } from "~/domain/application/representation";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { DataProviderId } from "../env.server";
import { clean, log } from "../log.server";
import type { FetchFailure } from "./gateway.server";

type Db = PrismaClient | Prisma.TransactionClient;

/** One call's outcome: an answer (data, or « nothing on this person »), or a failure. */
export type ProviderOutcome = { status: "found" | "no_record" } | FetchFailure;

/** What a fetch left: the stored answer's id, or why there is none. */
export type FetchStatus =
  | { status: "found" | "no_record"; recordId: string }
  | { status: "failed"; reason: FetchFailure["reason"] };

/** A labelled value, in French, as the pages list it. */
export type Fact = [label: string, value: string];

/** A stored answer as people read it: what it certifies, and where it comes from. */
export type CertifiedView = {
  /** The provider as people name it ("DGFiP"). */
  provider: string;
  /** What the answer is, as a heading ("Dernier avis d'imposition"). */
  title: string;
  /** The badge that says it is certified, and by whom. */
  badge: string;
  /** Its API, as the provenance states it. */
  source: string;
  fetchedAt: Date;
  correlationId: string;
  /** What else the provenance states (the income year, the period…). */
  provenance: Fact[];
  /** What it certifies; null when the provider knows nothing of this person. */
  facts: Fact[] | null;
  /** The sentence that stands for the facts when there are none. */
  nothing: string;
};

/** What an answer brings to the eligibility rules (app/domain/eligibility). */
export type Contribution = {
  /** The tax notice: the basis of legal aid. */
  taxNotice?: { referenceTaxIncome: number; householdSize: number; incomeYear: number };
  /** Taxable income of the last six months certified at the source (décret 2020-1717 art. 4). */
  recentIncome?: { from: string; to: string; certified: number; certifiedBy: string };
};

/**
 * What several answers bring together: the tax notice (one provider gives it), and the income of
 * the last six months certified by each, added up, with who certified it.
 */
export function combine(contributions: Contribution[]): Contribution {
  const combined: Contribution = {};
  for (const { taxNotice, recentIncome } of contributions) {
    if (taxNotice) combined.taxNotice ??= taxNotice;
    if (!recentIncome) continue;
    const sum = combined.recentIncome;
    combined.recentIncome = sum
      ? {
          ...sum,
          certified:
            (Math.round(sum.certified * 100) + Math.round(recentIncome.certified * 100)) / 100,
          certifiedBy: `${sum.certifiedBy} et ${recentIncome.certifiedBy}`,
        }
      : recentIncome;
  }
  return combined;
}

/**
 * How a submitted application keeps the answer it used: `taxRecord` (its column `taxRecordId`, the
 * DGFiP's tax_record) or `certifiedRecords` (a row of application_certified_record, for every other
 * provider: a new provider needs no migration).
 */
export type ApplicationLink = "taxRecord" | "certifiedRecords";

/** What every stored answer, read, says of itself. */
export type StoredAnswer = {
  recordId: string;
  /** false when the provider answered that it knows nothing of this person. */
  found: boolean;
};

export type DataProviderAdapter<
  Outcome extends ProviderOutcome = ProviderOutcome,
  Stored extends StoredAnswer = StoredAnswer,
  Row = never,
> = {
  id: DataProviderId;
  /** The provider as people name it. */
  name: string;
  /**
   * "login": called at every login, its scopes asked with the identity's; "consent": called only
   * when the citizen asks for it, through a second FranceConnect round trip asking its scopes only.
   */
  when: "login" | "consent";
  /** The FranceConnect scopes it needs. */
  scopes: string[];
  /**
   * Calls its API with the citizen's FranceConnect access token, within `budgetMs` (every attempt:
   * the token lives 60 s) or the provider's own budget. Never throws: a failure is an outcome.
   */
  fetch(accessToken: string, options: { now: Date; budgetMs?: number }): Promise<Outcome>;
  /** Stores the answer as received within `tx`, and the audit event of the fetch or its failure. */
  store(tx: Prisma.TransactionClient, citizenId: string, outcome: Outcome): Promise<FetchStatus>;
  /** The citizen's latest stored answer that may still be used, read; null when none. */
  latest(db: Db, citizenId: string, now?: Date): Promise<Stored | null>;
  /** Where a submitted application keeps the answer it used. */
  link: ApplicationLink;
  /** Reads a stored row (the one an application links); null when it is not readable. */
  read(row: Row): Stored | null;
  /**
   * Whether a draft uses this provider's answer: the representative's own data count only when
   * their resources are the ones assessed (decision 035); France Travail only when the income
   * changed.
   */
  usedBy(draft: DraftUse): boolean;
  /** The answer as the citizen and the agent read it. */
  show(stored: Stored): CertifiedView;
  /** What the answer brings to the eligibility rules. */
  feed(stored: Stored): Contribution;
};

/** What a provider's `usedBy` reads of a draft. */
export type DraftUse = {
  incomeChanged: boolean | null;
  representation: Representation | null;
  separateResources: boolean | null;
};

/** Any adapter, whatever its outcome and stored types (the registry's list). */
// biome-ignore lint/suspicious/noExplicitAny: each adapter is used with its own types only.
export type AnyDataProvider = DataProviderAdapter<any, any, any>;

/** What fetching and storing need of an adapter. */
type Fetcher<Outcome extends ProviderOutcome> = Pick<
  DataProviderAdapter<Outcome>,
  "id" | "name" | "fetch" | "store"
>;

/** Asks the provider and stores its answer; a failure is logged and audited, never thrown. */
export async function collect<Outcome extends ProviderOutcome>(
  provider: Fetcher<Outcome>,
  prisma: PrismaClient,
  citizenId: string,
  accessToken: string,
  options: { now?: Date; budgetMs?: number } = {},
): Promise<FetchStatus> {
  const outcome = await fetchFrom(provider, accessToken, options);
  return prisma.$transaction((tx) => provider.store(tx, citizenId, outcome));
}

/** Asks the provider; a failure is logged (the caller stores it). */
export async function fetchFrom<Outcome extends ProviderOutcome>(
  provider: Fetcher<Outcome>,
  accessToken: string,
  options: { now?: Date; budgetMs?: number } = {},
): Promise<Outcome> {
  const outcome = await provider.fetch(accessToken, {
    now: options.now ?? new Date(),
    budgetMs: options.budgetMs,
  });
  if (outcome.status === "failed") {
    const failure = outcome as FetchFailure;
    log().warn(
      { provider: provider.id, reason: failure.reason, detail: clean(failure.detail, 200) },
      `${provider.name} : échec`,
    );
  }
  return outcome;
}

/** The FranceConnect access token is valid 60 s from its issue: the last try starts before this. */
export const FC_TOKEN_USABLE_MS = 50_000;
/** Pauses between the background tries (then the token is gone). */
const BACKGROUND_PAUSES_MS = [1_000, 4_000, 10_000, 20_000];

/**
 * Goes on trying, after the citizen was let in, while the FranceConnect token lives: the stored
 * answer appears on their pages as soon as the provider gives it. Stops at the first outcome that
 * is not « unavailable » (found, nothing, refused, unreadable). Nothing to resume after a restart:
 * the token would be dead anyway, and logging in again fetches anew.
 */
export async function retryInBackground<Outcome extends ProviderOutcome>(
  provider: Fetcher<Outcome>,
  prisma: PrismaClient,
  citizenId: string,
  accessToken: string,
  tokenObtainedAt: number,
  pauses = BACKGROUND_PAUSES_MS,
): Promise<FetchStatus | null> {
  const until = tokenObtainedAt + FC_TOKEN_USABLE_MS;
  for (const pause of pauses) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    const left = until - Date.now();
    if (left < 1_000) return null;
    const status = await collect(provider, prisma, citizenId, accessToken, {
      budgetMs: Math.min(left, 15_000),
    });
    if (status.status !== "failed" || status.reason !== "unavailable") return status;
  }
  return null;
}

/** The enabled providers called at every login. */
export function loginProviders<P extends AnyDataProvider>(providers: P[]): P[] {
  return providers.filter((provider) => provider.when === "login");
}

/** The scopes asked at every login: the login providers'. */
export function loginScopes(providers: Pick<AnyDataProvider, "when" | "scopes">[]): string[] {
  return [...new Set(providers.filter((p) => p.when === "login").flatMap((p) => p.scopes))];
}

/** The scopes of each provider asked with a later consent, by id. */
export function consentScopes(
  providers: Pick<AnyDataProvider, "id" | "when" | "scopes">[],
): Record<string, string[]> {
  return Object.fromEntries(
    providers.filter((p) => p.when === "consent").map((p) => [p.id, p.scopes]),
  );
}

/**
 * What a draft's providers give the rules and the pages: each used provider's latest answer,
 * read, with its view and contribution.
 */
export async function certifiedFor(
  providers: AnyDataProvider[],
  db: Db,
  citizenId: string,
  draft: DraftUse,
  now = new Date(),
) {
  const used = providers.filter((provider) => provider.usedBy(draft));
  const answers = await Promise.all(used.map((provider) => provider.latest(db, citizenId, now)));
  return used.flatMap((provider, index) => {
    const stored = answers[index];
    return stored == null ? [] : [{ provider, stored, ...reading(provider, stored) }];
  });
}

/** A submitted application with the answers it links (`include` them). */
export type LinkedRows = {
  taxRecord?: unknown;
  certifiedRecords?: { record: unknown }[];
};

/** The answers a submitted application kept, read by their providers, with views and contributions. */
export function linkedAnswers(providers: AnyDataProvider[], app: LinkedRows) {
  return providers.flatMap((provider) => {
    const rows =
      provider.link === "taxRecord"
        ? [app.taxRecord]
        : (app.certifiedRecords ?? []).map((link) => link.record);
    // A provider reads only its own answers (null for another source's).
    const stored = rows.map((row) => (row ? provider.read(row) : null)).find(Boolean);
    return stored ? [{ provider, stored, ...reading(provider, stored) }] : [];
  });
}

/** One stored answer, as shown and as fed to the rules. */
export function reading(provider: AnyDataProvider, stored: unknown) {
  return { view: provider.show(stored), contribution: provider.feed(stored) };
}
