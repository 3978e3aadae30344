import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { LoginFailure } from "~/server/auth/login-failure.server";
import { FranceConnectLogin } from "./FranceConnectLogin";

/** Why a login failed, in French, with a way to try again (FranceConnect's button by default). */
export function LoginFailurePage({
  failure,
  returnTo,
  provider = "FranceConnect",
  retry,
}: {
  failure: LoginFailure;
  returnTo: string;
  provider?: string;
  /** The provider's login button; FranceConnect's when absent. */
  retry?: ReactNode;
}) {
  return (
    <div className="fr-container fr-my-7w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <h1>{failure.title}</h1>
          <p className="fr-text--lead">{failure.message}</p>
          {failure.code ? (
            <p>
              Code d'erreur transmis par {provider} : <code>{failure.code}</code>
            </p>
          ) : null}
          <h2 className="fr-h4">Réessayer</h2>
          {retry ?? <FranceConnectLogin redirectTo={returnTo} />}
          {retry ? null : (
            <p className="fr-mt-4w">
              Toujours bloqué(e) ? <Link to="/aide">Aide et contact</Link> : qui joindre, et les
              réponses aux questions fréquentes.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
