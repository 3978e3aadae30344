import { Header } from "@codegouvfr/react-dsfr/Header";
import { useLocation } from "@remix-run/react";
import { HEADER_PROPS } from "../brand";
import { MINISTRY, SERVICE_NAME } from "../site";

export type AgentHeaderUser = {
  name: string;
  manages: boolean;
  reviews: boolean;
  audits: boolean;
} | null;

/** The header of the agents' space: their name, their pages, logout through ProConnect. */
export function AgentHeader({ user }: { user: AgentHeaderUser }) {
  const { pathname } = useLocation();
  const navigation = [
    ...(user
      ? [{ text: user.reviews ? "File des demandes" : "Vue nationale", to: "/bureau" }]
      : []),
    ...(user ? [{ text: "Statistiques", to: "/bureau/statistiques" }] : []),
    ...(user?.manages ? [{ text: "Agents du bureau", to: "/bureau/agents" }] : []),
    ...(user?.audits ? [{ text: "Journal d'audit", to: "/bureau/journal" }] : []),
  ];
  return (
    <Header
      {...HEADER_PROPS}
      homeLinkProps={{ to: "/bureau", title: `Espace des agents - ${SERVICE_NAME} - ${MINISTRY}` }}
      serviceTitle={`${SERVICE_NAME} — espace des agents`}
      serviceTagline="Bureaux d'aide juridictionnelle"
      navigation={navigation.map((item) => ({
        text: item.text,
        linkProps: { to: item.to },
        isActive: item.to === "/bureau" ? pathname === "/bureau" : pathname.startsWith(item.to),
      }))}
      quickAccessItems={
        user
          ? [
              {
                iconId: "fr-icon-account-circle-line",
                text: user.name,
                linkProps: { to: "/bureau" },
              },
              // Logout changes state: a POST form, never a link.
              <form key="logout" method="post" action="/bureau/deconnexion">
                <button type="submit" className="fr-btn fr-icon-logout-box-r-line">
                  Se déconnecter
                </button>
              </form>,
            ]
          : [
              {
                iconId: "fr-icon-lock-line",
                text: "Se connecter",
                linkProps: { to: "/bureau/connexion" },
              },
            ]
      }
    />
  );
}
