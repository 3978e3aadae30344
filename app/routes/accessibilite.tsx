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
        Le service « Aide juridictionnelle » est <strong>non conforme</strong> avec le référentiel
        général d'amélioration de l'accessibilité (RGAA) version 4.1 : son auto-évaluation n'est pas
        terminée.
      </p>
      <h2>Résultats de l'auto-évaluation (provisoires)</h2>
      <p>
        Une auto-évaluation a été faite le 26 novembre 2026 sur la grille officielle du RGAA 4.1,
        sur un échantillon de pages : accueil, simulateur, les quatre étapes de la demande,
        récépissé, « Mes demandes », détail d'une demande, aide et contact, et les principales pages
        des agents (file des demandes, demande, statistiques).
      </p>
      <ul>
        <li>
          Les 61 critères déjà évalués sont tous respectés : <strong>100 %</strong> des critères
          évalués.
        </li>
        <li>38 critères ne s'appliquent pas au service (vidéo, son, cadres…).</li>
        <li>
          7 critères restent à vérifier par une personne (contrastes des graphiques, validité du
          code, affichage sans styles, zoom à 200 %, largeur de 320 pixels, espacement du texte).
        </li>
      </ul>
      <h3>Contenus non accessibles</h3>
      <ul>
        <li>
          Les documents PDF (récépissé, lettre de décision) ne sont pas balisés. Chacun a une
          version accessible en ligne, avec le même contenu : le lien « Lire … en ligne » placé à
          côté du lien de téléchargement.
        </li>
      </ul>
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
      <p>
        Cette déclaration a été établie le 24 novembre 2026 et mise à jour le 27 novembre 2026. La
        grille d'auto-évaluation est publiée avec le code source du service.
      </p>
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
