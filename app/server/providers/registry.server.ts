/**
 * The « API FranceConnectées » this service calls, and when (docs/decisions/031): each provider
 * has its FranceConnect scopes and is called with the citizen's FranceConnect access token, either
 * at every login (the DGFiP: the tax notice is the basis of legal aid) or only when the citizen
 * asks for it, through a second FranceConnect round trip where they consent to its scopes (France
 * Travail: the change of situation). Which ones are enabled is configuration (`DATA_PROVIDERS`).
 */
import type { DataProviderId, Env } from "../env.server";
import { FRANCE_TRAVAIL_SCOPES } from "./france-travail.server";

export type DataProvider = {
  id: DataProviderId;
  /** The provider as people name it. */
  name: string;
  /**
   * "login": its scopes asked at every login (the login callback calls the DGFiP by name: a second
   * login provider needs its call there too); "consent": only when the citizen asks for it, through
   * a consent collector (services.server.ts).
   */
  when: "login" | "consent";
  /** The FranceConnect scopes it needs. */
  scopes: string[];
};

/** The enabled providers, in the order of `DATA_PROVIDERS`. */
export function dataProviders(env: Pick<Env, "DATA_PROVIDERS" | "FC_DATA_SCOPES">): DataProvider[] {
  const all: Record<DataProviderId, DataProvider> = {
    dgfip: {
      id: "dgfip",
      name: "DGFiP",
      when: "login",
      scopes: env.FC_DATA_SCOPES.split(/\s+/).filter(Boolean),
    },
    "france-travail": {
      id: "france-travail",
      name: "France Travail",
      when: "consent",
      scopes: FRANCE_TRAVAIL_SCOPES,
    },
  };
  return env.DATA_PROVIDERS.map((id) => all[id]);
}

/** The scopes asked at every login: the login providers'. */
export function loginScopes(providers: DataProvider[]): string[] {
  return [...new Set(providers.filter((p) => p.when === "login").flatMap((p) => p.scopes))];
}

/** The scopes of each provider asked with a later consent, by id. */
export function consentScopes(providers: DataProvider[]): Record<string, string[]> {
  return Object.fromEntries(
    providers.filter((p) => p.when === "consent").map((p) => [p.id, p.scopes]),
  );
}

/** True when the provider is enabled. */
export function isEnabled(env: Pick<Env, "DATA_PROVIDERS">, id: DataProviderId): boolean {
  return env.DATA_PROVIDERS.includes(id);
}
