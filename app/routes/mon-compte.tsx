import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { computeEligibility, householdFromTaxData } from "~/domain/eligibility";
import { frenchDate, monthsInWords, todayInFrance } from "~/domain/french";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { prisma } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { getSessions } from "~/server/services.server";
import { currentTaxFetch, latestTaxRecord } from "~/server/tax.server";
import { ContentPage } from "~/ui/ContentPage";
import { DescriptionList } from "~/ui/DescriptionList";
import { pageTitle } from "~/ui/site";
import { TaxDataSection } from "~/ui/TaxDataSection";

export const meta: MetaFunction = () => [{ title: pageTitle("Mon compte") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const env = getEnv();
  const [session, latest] = await Promise.all([
    getSessions().read(request),
    latestTaxRecord(prisma(), citizen.id),
  ]);
  const situation = latest?.situation ?? null;
  const householdSize = situation ? householdFromTaxData(situation) : null;
  return {
    tax: {
      lastFetch: currentTaxFetch(session?.data.taxFetch, latest?.record.fetchedAt ?? null),
      record: latest
        ? {
            incomeYear: latest.record.incomeYear,
            fetchedAt: latest.record.fetchedAt.toISOString(),
            found: situation !== null,
          }
        : null,
      situation,
      householdSize,
      // Assets are declared in the application; the estimate here counts none.
      eligibility:
        situation && householdSize
          ? computeEligibility({
              requestDate: todayInFrance(),
              referenceTaxIncome: situation.rfr,
              householdSize,
              movableAssets: 0,
              realEstateAssets: 0,
            })
          : null,
    },
    identity: {
      familyName: citizen.familyName,
      preferredUsername: citizen.preferredUsername,
      givenName: citizen.givenName,
      birthdate: citizen.birthdate,
      gender: citizen.gender,
      birthplace: citizen.birthplace,
      birthcountry: citizen.birthcountry,
    },
    email: citizen.contactEmail ?? citizen.fcEmail,
    retention: { draftDays: env.RETENTION_DRAFT_DAYS, closedMonths: env.RETENTION_CLOSED_MONTHS },
  };
}

export default function Account() {
  const { identity, email, tax, retention } = useLoaderData<typeof loader>();
  // FranceConnect gives the birthplace and the birth country as codes of the INSEE (code officiel
  // géographique), not their names: shown as such, and said so.
  const rows: [string, string, string?][] = [
    ["Nom de naissance", identity.familyName],
    ...(identity.preferredUsername
      ? [["Nom d'usage", identity.preferredUsername] as [string, string]]
      : []),
    ["Prénoms", identity.givenName],
    ["Date de naissance", frenchDate(identity.birthdate)],
    ["Sexe", identity.gender === "female" ? "Féminin" : "Masculin"],
    identity.birthplace
      ? [
          "Commune de naissance (code officiel INSEE)",
          identity.birthplace,
          "FranceConnect nous transmet ce code, pas le nom de la commune.",
        ]
      : ["Commune de naissance", "Vous êtes né(e) à l'étranger"],
    identity.birthcountry === "99100"
      ? ["Pays de naissance", "France"]
      : [
          "Pays de naissance (code officiel INSEE)",
          identity.birthcountry,
          "FranceConnect nous transmet ce code, pas le nom du pays.",
        ],
  ];
  return (
    <ContentPage title="Mon compte">
      <section aria-labelledby="identite">
        <h2 id="identite" className="fr-h4">
          Votre identité{" "}
          {/* On a line of its own at every width and in every font: beside the title, it moved
              to the next line when Marianne Bold arrived (a layout shift, decision 043). */}
          <br />
          <Badge as="span" severity="success" small>
            Certifiée par FranceConnect
          </Badge>
        </h2>
        <p>
          Ces informations viennent de FranceConnect, qui les a vérifiées auprès de l'état civil.
          Elles ne peuvent pas être modifiées ici.
        </p>
        <DescriptionList rows={rows} />
      </section>
      <TaxDataSection {...tax} />
      <section aria-labelledby="contact" className="fr-mt-4w">
        <h2 id="contact" className="fr-h4">
          Contact
        </h2>
        <p>Adresse électronique : {email ?? "non renseignée"}</p>
      </section>
      <section aria-labelledby="suite" className="fr-mt-4w">
        <h2 id="suite" className="fr-h4">
          Votre demande d'aide juridictionnelle
        </h2>
        <p>
          Vos informations certifiées sont reprises dans le formulaire : vous n'avez à indiquer que
          votre patrimoine et votre affaire. Vos réponses sont enregistrées à chaque étape.
        </p>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Link className="fr-btn" to="/demande">
              Faire ou reprendre ma demande
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to="/mes-demandes">
              Mes demandes
            </Link>
          </li>
        </ul>
      </section>
      <section aria-labelledby="donnees" className="fr-mt-4w">
        <h2 id="donnees" className="fr-h4">
          Vos données
        </h2>
        <p>
          Téléchargez tout ce que le service conserve sur vous : identité, données fiscales reçues
          de la DGFiP, demandes, messages et historique. Les brouillons jamais déposés sont
          supprimés {retention.draftDays} jours après leur dernière modification ; les demandes
          closes sont anonymisées {monthsInWords(retention.closedMonths)} après leur clôture.{" "}
          <Link to="/donnees-personnelles">En savoir plus sur vos données</Link>
        </p>
        <p>
          <a
            className="fr-link fr-icon-download-line fr-link--icon-left"
            href="/mon-compte/donnees.json"
            download
          >
            Télécharger mes données (JSON)
          </a>
        </p>
      </section>
    </ContentPage>
  );
}
