/** Step 4 of the application: every answer and the estimate, the attestation, the submission. */
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { loadStep, submitStep } from "~/server/application-step.server";
import { state } from "~/ui/application/field-state";
import { Recap } from "~/ui/application/Recap";
import { StepPage, stepMeta, useStepData, useStepValues } from "~/ui/application/StepPage";

export const meta = stepMeta("recapitulatif");
export const loader = ({ request }: LoaderFunctionArgs) => loadStep("recapitulatif", request);
export const action = ({ request }: ActionFunctionArgs) => submitStep("recapitulatif", request);

export default function RecapStep() {
  const { tax, recentIncome, courts, recap } = useStepData();
  const { saved, values, errors } = useStepValues("recapitulatif");
  return (
    <StepPage step="recapitulatif">
      {recap ? (
        <>
          <Recap
            values={saved}
            courts={courts}
            missing={recap.missing}
            eligibility={recap.eligibility}
            tax={tax}
            payments={recentIncome.payments}
          />
          <Checkbox
            id="attestation"
            className="fr-mt-4w"
            {...state(errors, "attestation")}
            options={[
              {
                label: "Je certifie sur l'honneur que mes réponses sont exactes.",
                nativeInputProps: {
                  name: "attestation",
                  value: "oui",
                  defaultChecked: values.attestation === "oui",
                },
              },
            ]}
          />
          <Checkbox
            id="electronicExchanges"
            {...state(errors, "electronicExchanges")}
            options={[
              {
                label:
                  "J'accepte que le bureau m'écrive et me remette sa décision dans mon espace « Mes demandes ». Je serai prévenu(e) par courriel.",
                nativeInputProps: {
                  name: "electronicExchanges",
                  value: "oui",
                  defaultChecked: values.electronicExchanges === "oui",
                },
              },
            ]}
          />
        </>
      ) : null}
    </StepPage>
  );
}
