import type { MetaFunction } from "@remix-run/node";
import { ContentPage } from "~/ui/ContentPage";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Déclaration d'accessibilité") }];

export default function Accessibility() {
  return (
    <ContentPage title="Déclaration d'accessibilité">
      <p>
        Le ministère de la Justice s'engage à rendre ses services numériques accessibles,
        conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>Cette déclaration d'accessibilité s'applique au service « Aide juridictionnelle ».</p>
      <h2>État de conformité</h2>
      <p>
        Le service « Aide juridictionnelle » est <strong>non conforme</strong> avec le référentiel
        général d'amélioration de l'accessibilité (RGAA) version 4.1, car il n'a pas encore fait
        l'objet d'un audit.
      </p>
      <h2>Ce qui est déjà fait</h2>
      <ul>
        <li>Le service utilise le Système de design de l'État (DSFR).</li>
        <li>
          Chaque page est vérifiée automatiquement avec l'outil axe à chaque modification du code ;
          ces vérifications ne remplacent pas un audit.
        </li>
        <li>Toutes les pages fonctionnent sans JavaScript et au clavier.</li>
      </ul>
      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le 24 novembre 2026.</p>
      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le
        bureau d'aide juridictionnelle de votre tribunal pour être orienté vers une alternative
        accessible ou obtenir le contenu sous une autre forme.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou à une
        fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une
        réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de
        saisine au Défenseur des droits :
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits (
          <a href="https://formulaire.defenseurdesdroits.fr/" rel="noopener">
            formulaire en ligne
          </a>
          ) ;
        </li>
        <li>contacter le délégué du Défenseur des droits dans votre région ;</li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des
          droits, Libre réponse 71120, 75342 Paris CEDEX 07.
        </li>
      </ul>
    </ContentPage>
  );
}
