import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { BRAND_TOP } from "./brand";
import { MINISTRY, PAGES, SERVICE_NAME } from "./site";

export function SiteFooter() {
  return (
    <Footer
      id="footer"
      brandTop={BRAND_TOP}
      homeLinkProps={{ to: "/", title: `Accueil - ${SERVICE_NAME} - ${MINISTRY}` }}
      // The status of the RGAA self-assessment (see /accessibilite and docs/rgaa/).
      accessibility="fully compliant"
      accessibilityLinkProps={{ to: PAGES.accessibility.path }}
      termsLinkProps={{ to: PAGES.legalNotice.path }}
      websiteMapLinkProps={{ to: PAGES.siteMap.path }}
      contentDescription={
        <>
          Ce service permet de demander l'aide juridictionnelle en ligne, sans justificatif de
          ressources : vos revenus sont transmis directement par la DGFiP, avec votre accord, après
          votre connexion avec FranceConnect. Son code source est ouvert.
        </>
      }
      bottomItems={[
        { text: PAGES.help.title, linkProps: { to: PAGES.help.path } },
        { text: PAGES.personalData.title, linkProps: { to: PAGES.personalData.path } },
      ]}
    />
  );
}
