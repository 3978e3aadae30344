/** Step 3 of the application: the case, the court, the lawyer, the urgency. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { loadStep, submitStep } from "~/server/application-step.server";
import { ProcedureFields } from "~/ui/application/ProcedureFields";
import { StepPage, stepMeta, useStepData, useStepValues } from "~/ui/application/StepPage";

export const meta = stepMeta("procedure");
export const loader = ({ request }: LoaderFunctionArgs) => loadStep("procedure", request);
export const action = ({ request }: ActionFunctionArgs) => submitStep("procedure", request);

export default function ProcedureStep() {
  const { courts } = useStepData();
  const { values, errors } = useStepValues("procedure");
  return (
    <StepPage step="procedure">
      <ProcedureFields values={values} errors={errors} courts={courts} />
    </StepPage>
  );
}
