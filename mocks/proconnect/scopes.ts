/** ProConnect's scopes, the claims they release, and its assurance levels (acr). */
import type { DemoAgent } from "./agents";

/** eIDAS levels ProConnect may answer in the id_token's `acr` (weakest first). */
export const ACR_VALUES = [
  "eidas0",
  "eidas0-mfa",
  "eidas1",
  "eidas1-mfa",
  "eidas2",
  "eidas3",
] as const;
export type AcrValue = (typeof ACR_VALUES)[number];

/**
 * Scope → claims. `acr` is in `openid` so that every id_token carries the account's level, as
 * ProConnect does; `amr` is only released when asked through the `claims` parameter.
 */
export const SCOPE_CLAIMS = {
  openid: ["sub", "acr"],
  given_name: ["given_name"],
  usual_name: ["usual_name"],
  email: ["email"],
  uid: ["uid"],
  siret: ["siret"],
  idp_id: ["idp_id"],
  organizational_unit: ["organizational_unit"],
  organization_label: ["organization_label"],
  roles: ["roles"],
  phone: ["phone_number"],
} as const;

/** Claims outside any scope, requestable one by one through the `claims` parameter. */
export const STANDALONE_CLAIMS = ["acr", "amr", "auth_time", "sid", "iss"] as const;

/** What the userinfo endpoint (and the id_token, when asked) may release about an agent. */
export function agentClaims(agent: DemoAgent) {
  return {
    sub: agent.sub,
    given_name: agent.given_name,
    usual_name: agent.usual_name,
    email: agent.email,
    uid: agent.uid,
    siret: agent.siret,
    idp_id: agent.idp_id,
    organizational_unit: agent.organizational_unit,
    organization_label: agent.organization_label,
    roles: [...agent.roles],
    phone_number: agent.phone_number,
  };
}
