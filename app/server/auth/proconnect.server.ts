/**
 * ProConnect for a service provider (the agents' login): the shared OpenID Connect core
 * (./oidc.server.ts) with ProConnect's own rules: the acr is requested through the `claims`
 * parameter (never `acr_values`) and the id_token's acr is checked here (eidas1 at least), the
 * scopes of a professional identity, the userinfo as ProConnect signs it.
 * Facts: https://partenaires.proconnect.gouv.fr/docs/fournisseur-service/implementation_technique
 */
import { z } from "zod";
import {
  createOidcClient,
  type OidcCallbackResult,
  type OidcClientConfig,
  OidcError,
  type OidcErrorKind,
} from "./oidc.server";

/** The acr values accepted by default: eidas1 at least (eidas0 and eidas0-mfa are refused). */
export const PC_ACCEPTED_ACR = ["eidas1", "eidas1-mfa", "eidas2", "eidas3"] as const;

export const PC_SCOPES = [
  "openid",
  "given_name",
  "usual_name",
  "email",
  "uid",
  "siret",
  "idp_id",
  "organizational_unit",
] as const;

export type ProConnectConfig = OidcClientConfig & {
  /** Overrides PC_ACCEPTED_ACR (requested in `claims` and required of the id_token). */
  acceptedAcr?: string[];
};

export type ProConnectErrorKind = OidcErrorKind;

export class ProConnectError extends OidcError {
  override name = "ProConnectError";
}

/** An optional claim ProConnect may also send as null or "": absent. */
const optionalText = z.preprocess(
  (value) => (value === null || value === "" ? undefined : value),
  z.string().optional(),
);

/** The professional identity ProConnect's userinfo carries. */
export const proConnectIdentitySchema = z.object({
  sub: z.string().min(1),
  idp_id: z.string().min(1),
  email: z.email(),
  given_name: z.string().min(1),
  usual_name: z.string().min(1),
  uid: optionalText,
  siret: optionalText,
  organizational_unit: optionalText,
});
export type ProConnectIdentity = z.infer<typeof proConnectIdentitySchema>;

export type ProConnectLogin = {
  identity: ProConnectIdentity;
  /** The verified level, one of the accepted acr values. */
  acr: string;
  amr?: string[];
  /** Kept for logout (id_token_hint). */
  idToken: string;
};

export type ProConnectCallbackResult = OidcCallbackResult<ProConnectLogin, ProConnectError>;

/** The `claims` parameter requesting one of `acr` values (essential) and the amr. */
export function proConnectClaims(acr: readonly string[]): string {
  return JSON.stringify({
    id_token: { acr: { essential: true, values: acr }, amr: { essential: false } },
  });
}

export function createProConnect(config: ProConnectConfig) {
  const acceptedAcr = config.acceptedAcr ?? [...PC_ACCEPTED_ACR];
  if (acceptedAcr.length === 0) throw new Error("ProConnect : aucun niveau acr accepté.");
  const client = createOidcClient(config, {
    id: "proconnect",
    displayName: "ProConnect",
    errorClass: ProConnectError,
    scopes: [...PC_SCOPES],
    authorizationParams: { claims: proConnectClaims(acceptedAcr) },
    acceptedAcr,
    userinfoSchema: proConnectIdentitySchema,
    stateCookie: { name: "pc_state", path: "/bureau/auth" },
    returnCookie: { name: "pc_return", path: "/bureau" },
    toLogin: ({ identity, claims, idToken }): ProConnectLogin => ({
      identity,
      acr: claims.acr,
      ...(claims.amr ? { amr: claims.amr } : {}),
      idToken,
    }),
  });
  return { config, ...client };
}

export type ProConnect = ReturnType<typeof createProConnect>;
