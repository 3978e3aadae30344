/**
 * The « API FranceConnectées » this service knows, as adapters (./adapter.server.ts), and which
 * ones are enabled (`DATA_PROVIDERS`, docs/decisions/031 and 033). The FranceConnect scopes asked
 * follow from the enabled ones: at every login the login providers', and each consent provider's
 * alone when the citizen asks for it.
 *
 * Adding a provider: its id in env.server.ts (DATA_PROVIDER_IDS), its adapter below
 * (docs/cloner-ce-modele.md).
 */

import type { DgfipClient } from "../dgfip.server";
import type { DataProviderId, Env } from "../env.server";
import type { AnyDataProvider } from "./adapter.server";
import { dgfipProvider } from "./dgfip.adapter.server";
import { franceTravailProvider } from "./france-travail.adapter.server";
import type { FranceTravailClient } from "./france-travail.server";

export type ProviderClients = {
  /** null: to read stored answers only. */
  dgfip: DgfipClient | null;
  /** null when France Travail is not configured here. */
  franceTravail: FranceTravailClient | null;
};

/**
 * Every provider this service knows, enabled or not: a stored answer stays readable (by the agent,
 * in the letter) after its provider is disabled.
 */
export function knownProviders(
  env: Pick<Env, "FC_DATA_SCOPES">,
  clients: ProviderClients,
): Record<DataProviderId, AnyDataProvider> {
  return {
    dgfip: dgfipProvider(clients.dgfip, env.FC_DATA_SCOPES.split(/\s+/).filter(Boolean)),
    "france-travail": franceTravailProvider(clients.franceTravail),
  };
}

/**
 * The providers as readers of stored answers only (no client, no configuration): what an
 * application's submission, its page and its letter need.
 */
export function storedAnswerReaders(): AnyDataProvider[] {
  return Object.values(
    knownProviders({ FC_DATA_SCOPES: "" }, { dgfip: null, franceTravail: null }),
  );
}

/** The enabled providers: those called at login first, then in the order of `DATA_PROVIDERS`. */
export function enabledProviders(
  env: Pick<Env, "DATA_PROVIDERS">,
  known: Record<DataProviderId, AnyDataProvider>,
): AnyDataProvider[] {
  const enabled = env.DATA_PROVIDERS.map((id) => known[id]);
  return [
    ...enabled.filter((provider) => provider.when === "login"),
    ...enabled.filter((provider) => provider.when !== "login"),
  ];
}
