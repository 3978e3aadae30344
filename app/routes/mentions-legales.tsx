import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { ContentPage } from "~/ui/ContentPage";
import { PAGES, pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle(PAGES.legalNotice.title) }];

export default function LegalNotice() {
  return (
    <ContentPage title={PAGES.legalNotice.title}>
      <h2>Éditeur</h2>
      <p>
        Ce service est édité par le ministère de la Justice, 13 place Vendôme, 75042 Paris Cedex 01.
      </p>
      <h2>Directeur de la publication</h2>
      <p>Le secrétaire général du ministère de la Justice.</p>
      <h2>Hébergement</h2>
      <p>
        L'hébergeur est désigné par l'administration qui déploie le service ; ses coordonnées sont
        indiquées sur l'instance qu'elle exploite. Cette application est un modèle de référence au
        code source ouvert.
      </p>
      <h2>Accessibilité</h2>
      <p>
        La conformité de ce service au référentiel général d'amélioration de l'accessibilité (RGAA)
        est décrite dans la <Link to={PAGES.accessibility.path}>déclaration d'accessibilité</Link>.
      </p>
      <h2>Données personnelles</h2>
      <p>
        Les traitements de données personnelles sont décrits sur la page{" "}
        <Link to={PAGES.personalData.path}>données personnelles</Link>.
      </p>
      <h2>Réutilisation</h2>
      <p>
        Sauf mention contraire, les contenus de ce site sont disponibles sous licence etalab-2.0. Le
        code source est publié sous licence libre.
      </p>
    </ContentPage>
  );
}
