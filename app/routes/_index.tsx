import { CallOut } from "@codegouvfr/react-dsfr/CallOut";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import type { MetaFunction } from "@remix-run/node";
import { Link, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { entryOf } from "~/forms/plain";
import type { loader as rootLoader } from "~/root";
import { FranceConnectLogin } from "~/ui/FranceConnectLogin";
import { SERVICE_NAME } from "~/ui/site";
import { Term } from "~/ui/Term";

export const meta: MetaFunction = () => [
  { title: `Demander l'aide juridictionnelle en ligne - ${SERVICE_NAME}` },
];

const STEPS = [
  {
    title: "Vous vous identifiez avec FranceConnect",
    text: "Avec le compte que vous utilisez déjà pour les impôts, l'Assurance maladie ou La Poste. Votre identité est certifiée : vous n'avez rien à saisir.",
  },
  {
    title: "La DGFiP transmet vos revenus",
    text: "Avec votre accord, l'administration fiscale transmet directement votre revenu fiscal de référence et la composition de votre foyer. Pas d'avis d'imposition à envoyer, pas de numéro fiscal à chercher.",
  },
  {
    title: "Vous décrivez votre affaire",
    text: "Le type d'affaire, le tribunal concerné, votre avocat si vous en avez un, et votre patrimoine. Le service vous indique aussitôt le niveau d'aide auquel vous pouvez prétendre, et pourquoi.",
  },
  {
    title: "Le bureau d'aide juridictionnelle décide",
    text: "Le bureau d'aide juridictionnelle du tribunal examine votre demande. Vous suivez son avancement, échangez avec lui et recevez la décision dans votre espace personnel.",
  },
];

const NOTICES: Record<string, string> = {
  // FranceConnect answers access_denied when the person cancels, and also when it cannot confirm
  // their identity (docs/reference/franceconnect-et-proconnect.md): the notice says both.
  annulee:
    "La connexion avec FranceConnect n'a pas abouti : vous l'avez annulée, ou FranceConnect n'a pas pu confirmer votre identité. Aucune donnée n'a été transmise. Vous pouvez réessayer.",
};
const LOGOUT_NOTICES: Record<string, string> = {
  locale:
    "Vous êtes déconnecté(e) de ce service. FranceConnect n'a pas pu être joint : fermez votre navigateur si vous êtes sur un ordinateur partagé.",
};

export default function Home() {
  const user = useRouteLoaderData<typeof rootLoader>("root")?.user;
  const [searchParams] = useSearchParams();
  const notice =
    entryOf(NOTICES, searchParams.get("connexion")) ??
    entryOf(LOGOUT_NOTICES, searchParams.get("deconnexion"));
  return (
    <div className="fr-container fr-mt-6w">
      {notice ? (
        <div className="fr-mb-4w" role="status">
          <Notice title={notice} />
        </div>
      ) : null}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          <h1>Demander l'aide juridictionnelle</h1>
          <p className="fr-text--lead">
            L'aide juridictionnelle permet à l'État de prendre en charge tout ou partie de vos frais
            de justice : honoraires d'avocat, de commissaire de justice, frais d'expertise… si vos
            ressources sont modestes.
          </p>
          <CallOut
            title="Aucun justificatif de ressources à fournir"
            titleAs="h2"
            iconId="ri-file-forbid-line"
          >
            Connectez-vous avec FranceConnect : vos revenus sont transmis directement par la
            Direction générale des finances publiques (DGFiP). Vous n'avez ni avis d'imposition à
            envoyer, ni numéro fiscal à saisir.
          </CallOut>
        </div>
      </div>

      <section className="fr-mt-6w" aria-labelledby="qui-peut">
        <h2 id="qui-peut">Qui peut en bénéficier ?</h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-lg-8">
            <p>Vous pouvez demander l'aide juridictionnelle si :</p>
            <ul>
              <li>
                vous êtes de nationalité française, ressortissant d'un État de l'Union européenne,
                ou vous résidez habituellement en France (cette condition n'est pas demandée aux
                mineurs, ni aux personnes poursuivies ou parties civiles dans une affaire pénale) ;
              </li>
              <li>
                le <Term id="revenu-fiscal-de-reference">revenu fiscal de référence</Term> de votre{" "}
                <Term id="foyer">foyer</Term> et votre <Term id="patrimoine">patrimoine</Term>{" "}
                (épargne, biens immobiliers autres que votre résidence principale) ne dépassent pas
                les <Term id="plafonds">plafonds</Term> fixés chaque année, qui augmentent avec le
                nombre de personnes de votre foyer ;
              </li>
              <li>vos frais ne sont pas couverts par une assurance de protection juridique.</li>
            </ul>
            <p>Selon vos ressources, l'État prend en charge :</p>
            <ul>
              <li>
                <strong>100 %</strong> de vos frais (aide juridictionnelle totale) ;
              </li>
              <li>
                <strong>55 %</strong> ou <strong>25 %</strong> (
                <Term id="aide-totale-partielle">aide juridictionnelle partielle</Term>) : vous
                payez le reste à votre avocat, qui vous dit combien avant de commencer.
              </li>
            </ul>
            <p>
              Les victimes des crimes les plus graves (atteintes volontaires à la vie ou à
              l'intégrité de la personne, actes de terrorisme…) n'ont pas de condition de ressources
              à remplir.
            </p>
            <p>
              <Link to="/simulateur">Estimer mon droit avec le simulateur</Link>, sans me connecter.
            </p>
            <p className="fr-text--sm">
              Textes de référence : loi n° 91-647 du 10 juillet 1991 relative à l'aide juridique et
              décret n° 2020-1717 du 28 décembre 2020.
            </p>
          </div>
        </div>
      </section>

      <section className="fr-mt-6w" aria-labelledby="comment">
        <h2 id="comment">Comment ça marche ?</h2>
        <ol className="fr-grid-row fr-grid-row--gutters fr-raw-list">
          {STEPS.map((step, index) => (
            <li key={step.title} className="fr-col-12 fr-col-md-6 fr-col-lg-3">
              <div className="fr-tile fr-tile--no-icon">
                <div className="fr-tile__body">
                  <div className="fr-tile__content">
                    <h3 className="fr-tile__title">
                      <span className="fr-sr-only">Étape {index + 1} : </span>
                      {step.title}
                    </h3>
                    <p className="fr-tile__desc">{step.text}</p>
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ol>
      </section>

      <section className="fr-mt-6w" aria-labelledby="commencer">
        <h2 id="commencer">Commencer</h2>
        {user ? (
          <p>
            Vous êtes connecté(e) en tant que {user.name}.{" "}
            <Link to="/demande">Faire ou reprendre ma demande</Link>
          </p>
        ) : (
          <>
            <p>Connectez-vous avec FranceConnect pour commencer votre demande.</p>
            <FranceConnectLogin redirectTo="/mon-compte" />
          </>
        )}
      </section>
    </div>
  );
}
