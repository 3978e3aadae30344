import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
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
        Le service « Aide juridictionnelle » est <strong>totalement conforme</strong> avec le
        référentiel général d'amélioration de l'accessibilité (RGAA) version 4.1, selon
        l'auto-évaluation décrite ci-dessous.
      </p>
      <h2>Résultats de l'auto-évaluation</h2>
      <p>
        L'auto-évaluation a été faite les 26 et 27 novembre 2026 sur la grille officielle du RGAA
        4.1, sur un échantillon de pages : accueil, simulateur, les quatre étapes de la demande,
        récépissé, « Mes demandes », détail d'une demande, aide et contact, le récépissé et la
        décision en ligne, et les principales pages des agents (file des demandes, demande,
        statistiques).
      </p>
      <ul>
        <li>
          <strong>100 %</strong> des critères applicables sont respectés : 68 critères sur 68.
        </li>
        <li>38 critères ne s'appliquent pas au service (vidéo, son, cadres…).</li>
      </ul>
      <h3>Contenus non accessibles</h3>
      <p>
        Les documents PDF (récépissé, lettre de décision) ne sont pas balisés. Ce n'est pas une
        non-conformité : chacun a une version accessible en ligne, avec le même contenu, par le lien
        « Lire … en ligne » placé à côté du lien de téléchargement.
      </p>
      <h3>Comment ces résultats ont été obtenus</h3>
      <ul>
        <li>
          Lecture du code de chaque page de l'échantillon et des composants du Système de design de
          l'État (DSFR) qu'elle utilise.
        </li>
        <li>
          Contrôles automatiques à chaque modification du code : l'outil axe sur chaque page ; la
          validité du code ; le texte agrandi à 200 % ; l'espacement du texte ; l'affichage sur un
          écran de 320 pixels de large ; l'ordre de lecture ; les contrastes des graphiques ; les
          parcours au clavier et sans JavaScript.
        </li>
        <li>
          Limite : les pages n'ont pas encore été écoutées par une personne avec un lecteur d'écran
          (NVDA, VoiceOver). La grille d'auto-évaluation, publiée avec le code source du service,
          dit ce qui reste à vérifier de cette façon.
        </li>
      </ul>
      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le 24 novembre 2026 et mise à jour le 27 novembre 2026.</p>
      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le
        bureau d'aide juridictionnelle de votre tribunal pour être orienté vers une alternative
        accessible ou obtenir le contenu sous une autre forme. Ses coordonnées sont sur la page{" "}
        <Link to="/aide">Aide et contact</Link>.
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
