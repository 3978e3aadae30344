/** What a person reads when a login with FranceConnect or ProConnect fails, in plain French. */
import type { OidcError } from "./oidc.server";

export type LoginFailure = { status: number; title: string; message: string; code?: string };

/** A message a person understands, for each way a login with the provider can fail. */
export function describeFailure(error: OidcError, provider = "FranceConnect"): LoginFailure {
  switch (error.kind) {
    case "provider_error":
      return {
        // Said by the address the browser brought back, which anyone can write (?error=…): a
        // refusal of this request, never an error of the service (no 5xx from what a visitor types).
        status: 400,
        title: `${provider} a signalé une erreur`,
        message: `${provider} n'a pas pu vous identifier. Réessayez dans quelques instants ; si le problème persiste, indiquez ce code au support.`,
        code: error.providerCode,
      };
    case "invalid_state":
      return {
        status: 400,
        title: "Connexion expirée",
        message: `Cette connexion a expiré ou a déjà été utilisée (par exemple après un retour en arrière). Recommencez la connexion avec ${provider}.`,
      };
    case "token_exchange":
      return {
        status: 400,
        title: `Connexion refusée par ${provider}`,
        message: `${provider} a refusé de finaliser la connexion : elle a peut-être déjà été utilisée ou a expiré. Recommencez la connexion avec ${provider}.`,
        code: error.providerCode,
      };
    case "invalid_id_token":
    case "invalid_userinfo":
      return {
        status: 502,
        title: "Identité non vérifiée",
        message: `La réponse reçue de ${provider} n'a pas pu être vérifiée. Par sécurité, vous n'avez pas été connecté(e). Recommencez la connexion ; si le problème persiste, réessayez plus tard.`,
      };
    case "unreachable":
      return {
        status: 503,
        title: `${provider} est indisponible`,
        message: `${provider} ne répond pas pour le moment. Réessayez dans quelques minutes : rien n'a été perdu.`,
      };
    case "access_denied":
      return {
        status: 400,
        title: "Connexion annulée",
        message: `Vous avez annulé la connexion avec ${provider}.`,
      };
  }
}
