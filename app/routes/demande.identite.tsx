/** Step 1 of the application: for whom, and how to reach the applicant. */
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { loadStep, submitStep } from "~/server/application-step.server";
import { IdentityFields } from "~/ui/application/IdentityFields";
import { StepPage, stepMeta, useStepData, useStepValues } from "~/ui/application/StepPage";

export const meta = stepMeta("identite");
export const loader = ({ request }: LoaderFunctionArgs) => loadStep("identite", request);
export const action = ({ request }: ActionFunctionArgs) => submitStep("identite", request);

export default function IdentityStep() {
  const { identity } = useStepData();
  const { values, errors } = useStepValues("identite");
  return (
    <StepPage step="identite">
      <Alert
        as="h2"
        severity="info"
        small
        description={`${identity.name}, né(e) le ${identity.birth} : identité certifiée par FranceConnect.`}
      />
      <div className="fr-mt-3w">
        <IdentityFields values={values} errors={errors} />
      </div>
    </StepPage>
  );
}
