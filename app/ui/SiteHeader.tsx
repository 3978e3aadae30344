import { Header } from "@codegouvfr/react-dsfr/Header";
import { useLocation } from "@remix-run/react";
import { MINISTRY, PAGES, SERVICE_NAME } from "./site";

export type HeaderUser = { name: string } | null;

export function SiteHeader({ user }: { user: HeaderUser }) {
  const { pathname } = useLocation();
  return (
    <Header
      brandTop={
        <>
          Ministère
          <br />
          de la Justice
        </>
      }
      homeLinkProps={{ to: "/", title: `Accueil - ${SERVICE_NAME} - ${MINISTRY}` }}
      serviceTitle={SERVICE_NAME}
      serviceTagline="Demander que l'État prenne en charge vos frais de justice"
      id="header"
      navigation={[PAGES.home, PAGES.simulator].map((page) => ({
        text: page.title,
        linkProps: { to: page.path },
        isActive: pathname === page.path,
      }))}
      quickAccessItems={[
        {
          iconId: "fr-icon-question-line" as const,
          text: PAGES.help.title,
          linkProps: { to: PAGES.help.path },
        },
        ...(user
          ? [
              {
                iconId: "fr-icon-account-circle-line" as const,
                text: user.name,
                linkProps: { to: "/mon-compte" },
              },
              {
                iconId: "fr-icon-file-text-line" as const,
                text: "Mes demandes",
                linkProps: { to: "/mes-demandes" },
              },
              // Logout changes state: a POST form, never a link.
              <form key="logout" method="post" action="/deconnexion">
                <button type="submit" className="fr-btn fr-icon-logout-box-r-line">
                  Se déconnecter
                </button>
              </form>,
            ]
          : [
              {
                iconId: "fr-icon-lock-line" as const,
                text: "Se connecter",
                linkProps: { to: "/connexion" },
              },
            ]),
      ]}
    />
  );
}
