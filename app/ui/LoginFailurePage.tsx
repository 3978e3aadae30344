import type { LoginFailure } from "~/server/auth/login-failure.server";
import { FranceConnectLogin } from "./FranceConnectLogin";

/** Why the FranceConnect login failed, in French, with a way to try again. */
export function LoginFailurePage({
  failure,
  returnTo,
}: {
  failure: LoginFailure;
  returnTo: string;
}) {
  return (
    <div className="fr-container fr-my-7w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <h1>{failure.title}</h1>
          <p className="fr-text--lead">{failure.message}</p>
          {failure.code ? (
            <p>
              Code d'erreur transmis par FranceConnect : <code>{failure.code}</code>
            </p>
          ) : null}
          <h2 className="fr-h4">Réessayer</h2>
          <FranceConnectLogin redirectTo={returnTo} />
        </div>
      </div>
    </div>
  );
}
