import { Table } from "@codegouvfr/react-dsfr/Table";
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { monthsInWords } from "~/domain/french";
import { getEnv } from "~/server/env.server";
import { ContentPage } from "~/ui/ContentPage";
import { PAGES, pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle(PAGES.personalData.title) }];

/** The retention periods in force (configuration, docs/decisions/020). */
export function loader() {
  const env = getEnv();
  return { draftDays: env.RETENTION_DRAFT_DAYS, closedMonths: env.RETENTION_CLOSED_MONTHS };
}

export default function PersonalData() {
  const { draftDays, closedMonths } = useLoaderData<typeof loader>();
  return (
    <ContentPage title={PAGES.personalData.title}>
      <h2>Responsable du traitement</h2>
      <p>
        Le ministère de la Justice est responsable du traitement des données de ce service, dont la
        finalité est l'instruction des demandes d'aide juridictionnelle.
      </p>
      <h2>Base légale</h2>
      <p>
        Le traitement est nécessaire à l'exécution d'une mission d'intérêt public (article 6-1-e du
        règlement général sur la protection des données), prévue par la loi n° 91-647 du 10 juillet
        1991 relative à l'aide juridique et le décret n° 2020-1717 du 28 décembre 2020.
      </p>
      <h2>Données traitées</h2>
      {/* The title above names the table on screen; its caption, for screen readers only, is not
          moved by the DSFR's script once the page has started (decision 048). */}
      <Table
        noCaption
        caption="Données traitées, origine et finalité"
        headers={["Données", "Origine", "Pourquoi"]}
        data={[
          [
            "Identité (nom, prénoms, date et lieu de naissance, sexe)",
            "FranceConnect",
            "Vous identifier avec certitude",
          ],
          ["Adresse électronique", "FranceConnect, ou vous", "Vous informer de l'avancement"],
          ["Téléphone, adresse de correspondance", "Vous", "Vous contacter"],
          [
            "Revenu fiscal de référence, nombre de parts, situation de famille, personnes à charge, adresse fiscale",
            "DGFiP (API Impôt particulier), avec votre accord",
            "Vérifier vos ressources sans justificatif",
          ],
          ["Patrimoine déclaré, affaire, tribunal, avocat", "Vous", "Instruire votre demande"],
          [
            "Journal des actions (qui, quoi, quand)",
            "Le service",
            "Tracer chaque action sur votre dossier",
          ],
        ]}
      />
      <h2>Destinataires</h2>
      <p>
        Seuls les agents du bureau d'aide juridictionnelle chargé de votre demande y ont accès. Vos
        données ne sont jamais vendues ni utilisées à d'autres fins.
      </p>
      <h2>Durée de conservation</h2>
      <ul>
        <li>Brouillon non déposé : supprimé {draftDays} jours après sa dernière modification.</li>
        <li>
          Demande déposée : conservée {monthsInWords(closedMonths)} après sa clôture (décision,
          caducité ou désistement), puis anonymisée : seuls restent des chiffres (tribunal, dates,
          issue) pour les statistiques, et le journal des actions, sans donnée personnelle.
        </li>
        <li>Session de connexion : supprimée à la déconnexion et au plus tard après 12 heures.</li>
      </ul>
      <h2>Cookies</h2>
      <p>
        Ce service n'utilise qu'un cookie de session, strictement nécessaire à votre connexion. Il
        ne dépose aucun cookie de mesure d'audience ni de publicité ; aucun consentement n'est donc
        demandé.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez télécharger toutes vos données depuis « Mon compte ». Vous pouvez aussi y
        accéder, les faire rectifier ou demander la limitation de leur traitement en écrivant au
        délégué à la protection des données du ministère de la Justice, 13 place Vendôme, 75042
        Paris Cedex 01. Les données transmises par la DGFiP et FranceConnect se rectifient auprès de
        ces administrations. Si vous estimez que vos droits ne sont pas respectés, vous pouvez
        saisir la Commission nationale de l'informatique et des libertés (CNIL).
      </p>
    </ContentPage>
  );
}
