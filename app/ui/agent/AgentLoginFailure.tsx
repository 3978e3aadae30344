import type { AgentRefusal } from "~/server/agent/login.server";
import type { LoginFailure } from "~/server/auth/login-failure.server";
import { LoginFailurePage } from "../LoginFailurePage";
import { ProConnectLogin } from "./ProConnectLogin";

/** Why the ProConnect login failed, with ProConnect's button to try again. */
export function AgentLoginFailure({
  failure,
  returnTo,
}: {
  failure: LoginFailure;
  returnTo: string;
}) {
  return (
    <LoginFailurePage
      failure={failure}
      returnTo={returnTo}
      provider="ProConnect"
      retry={<ProConnectLogin redirectTo={returnTo} />}
    />
  );
}

const REASONS: Record<AgentRefusal, string> = {
  UNKNOWN:
    "ProConnect vous a bien identifié(e), mais votre compte n'est pas habilité à accéder à l'espace des bureaux d'aide juridictionnelle.",
  INACTIVE:
    "ProConnect vous a bien identifié(e), mais votre compte a été désactivé par le président de votre bureau d'aide juridictionnelle.",
  SUBJECT_MISMATCH:
    "ProConnect vous a identifié(e) avec un compte différent de celui qui est habilité pour cette adresse électronique.",
};

/** ProConnect identified the person; the app does not let them in. */
export function AgentRefused({ reason }: { reason: AgentRefusal }) {
  return (
    <div className="fr-container fr-my-7w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <h1>Votre compte n'est pas habilité</h1>
          <p className="fr-text--lead">{REASONS[reason]}</p>
          <p>
            Pour obtenir un accès, demandez au président (ou au vice-président) du bureau d'aide
            juridictionnelle de votre tribunal de vous ajouter avec votre adresse électronique
            professionnelle. Votre tentative de connexion a été enregistrée.
          </p>
          <p>
            Vous êtes un particulier et souhaitez demander l'aide juridictionnelle ?{" "}
            <a href="/">Faites votre demande avec FranceConnect</a>.
          </p>
        </div>
      </div>
    </div>
  );
}
