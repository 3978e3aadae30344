import { Header } from "@codegouvfr/react-dsfr/Header";
import { useLocation } from "@remix-run/react";
import { HEADER_PROPS } from "./brand";
import { MINISTRY, PAGES, SERVICE_NAME } from "./site";

export type HeaderUser = { name: string } | null;

export function SiteHeader({ user }: { user: HeaderUser }) {
  const { pathname } = useLocation();
  return (
    <Header
      {...HEADER_PROPS}
      homeLinkProps={{ to: "/", title: `Accueil - ${SERVICE_NAME} - ${MINISTRY}` }}
      serviceTitle={SERVICE_NAME}
      serviceTagline="Demander que l'État prenne en charge vos frais de justice"
      // « Mes demandes » is a section of the site: in the navigation, which leaves the tools room
      // for the name when the text is spaced or enlarged (RGAA 10.4, 10.12).
      navigation={[
        PAGES.home,
        PAGES.simulator,
        ...(user ? [{ path: "/mes-demandes", title: "Mes demandes" }] : []),
      ].map((page) => ({
        text: page.title,
        linkProps: { to: page.path },
        // The page itself only: aria-current="page" is not for the pages under it.
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
