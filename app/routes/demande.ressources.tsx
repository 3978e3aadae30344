/**
 * Step 2 of the application: the resources, as the DGFiP certifies them (nothing to type), or
 * declared when they are not the applicant's tax notice; a change of income since, with France
 * Travail's certified payments on consent.
 */
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { type Representation, resourcesSource } from "~/domain/application/representation";
import { euros } from "~/domain/french";
import { loadStep, submitStep } from "~/server/application-step.server";
import { FetchNoticeAlert, RecentIncomeFields } from "~/ui/application/RecentIncomeFields";
import { ResourcesFields } from "~/ui/application/ResourcesFields";
import { StepPage, stepMeta, useStepData, useStepValues } from "~/ui/application/StepPage";

export const meta = stepMeta("ressources");
export const loader = ({ request }: LoaderFunctionArgs) => loadStep("ressources", request);
export const action = ({ request }: ActionFunctionArgs) => submitStep("ressources", request);

export default function ResourcesStep() {
  const { tax, recentIncome } = useStepData();
  const { values, errors } = useStepValues("ressources");
  return (
    <StepPage
      step="ressources"
      notice={<FetchNoticeAlert notice={recentIncome.notice} />}
      // « Obtenir mes paiements de France Travail » is a submit button too, further down.
      defaultSubmitFirst={recentIncome.franceTravail}
    >
      {values.representation === "PROTECTED_ADULT" ? (
        <Alert
          as="h2"
          severity="info"
          title="Les ressources de la personne protégée"
          description="La DGFiP ne nous transmet que vos propres revenus, pas les siens : indiquez ci-dessous ceux de son dernier avis d'imposition. Le bureau pourra vous demander cet avis."
        />
      ) : tax ? (
        <Alert
          as="h2"
          severity="info"
          title="Données transmises par la DGFiP"
          description={`Revenus ${tax.incomeYear} : revenu fiscal de référence de ${euros(tax.rfr)}, pour un foyer de ${tax.household} personne${tax.household > 1 ? "s" : ""}. Vous n'avez rien à saisir ni à justifier.${values.representation === "MINOR_CHILD" ? " Pour votre enfant, ce sont les revenus de votre foyer qui comptent, sauf dans le cas ci-dessous." : ""}`}
        />
      ) : (
        <Alert
          as="h2"
          severity="warning"
          title="Revenus non transmis par la DGFiP"
          description="Le bureau d'aide juridictionnelle vous demandera de justifier vos ressources."
        />
      )}
      <div className="fr-mt-3w">
        <ResourcesFields values={values} errors={errors} />
      </div>
      {tax &&
      resourcesSource({
        representation: values.representation as Representation,
        separateResources: values.separateResources === "oui",
      }) === "REPRESENTATIVE_TAX_NOTICE" ? (
        <RecentIncomeFields values={values} errors={errors} {...recentIncome} />
      ) : null}
    </StepPage>
  );
}
