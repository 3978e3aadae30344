import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { ContentPage } from "~/ui/ContentPage";
import { PAGES, pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle(PAGES.siteMap.title) }];

export default function SiteMap() {
  const entries = [
    PAGES.home,
    PAGES.simulator,
    PAGES.help,
    { path: "/connexion", title: "Se connecter" },
    { path: "/demande", title: "Demander l'aide juridictionnelle (après connexion)" },
    { path: "/mes-demandes", title: "Mes demandes (après connexion)" },
    { path: "/mon-compte", title: "Mon compte (après connexion)" },
    { path: "/bureau", title: "Espace des bureaux d'aide juridictionnelle (agents)" },
    PAGES.legalNotice,
    PAGES.personalData,
    { path: PAGES.accessibility.path, title: "Déclaration d'accessibilité" },
  ];
  return (
    <ContentPage title={PAGES.siteMap.title}>
      <ul>
        {entries.map((page) => (
          <li key={page.path}>
            <Link to={page.path}>{page.title}</Link>
          </li>
        ))}
      </ul>
    </ContentPage>
  );
}
