import proConnectStyles from "@codegouvfr/react-dsfr/assets/proconnect-btn.css";
import type { LinkDescriptor } from "@remix-run/node";
import { Honeypot } from "~/ui/Honeypot";

/** The stylesheet of ProConnect's button (react-dsfr's), for the `links` of the pages that show it. */
export const proConnectLinks: LinkDescriptor[] = [{ rel: "stylesheet", href: proConnectStyles }];

/**
 * ProConnect's button, as a plain HTML form: it works without JavaScript and leaves for ProConnect
 * with a full navigation. The markup of react-dsfr's ProConnectButton (which imports its CSS as a
 * side effect the classic Remix compiler does not bundle).
 */
export function ProConnectLogin({ redirectTo = "/bureau" }: { redirectTo?: string }) {
  return (
    <form method="post" action="/bureau/auth">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Honeypot />
      <div className="fr-connect-group">
        <button type="submit" className="fr-btn fr-connect pro-connect">
          <span className="fr-connect__login">S’identifier avec</span>
          <span className="fr-connect__brand">ProConnect</span>
        </button>
        <p>
          <a
            href="https://www.proconnect.gouv.fr/"
            target="_blank"
            rel="noopener"
            title="Qu’est-ce que ProConnect ? - nouvelle fenêtre"
          >
            Qu’est-ce que ProConnect ?
          </a>
        </p>
      </div>
    </form>
  );
}
