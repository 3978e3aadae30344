/**
 * What the four steps of the application form share (`app/routes/demande.*.tsx`): the title and
 * the stepper, the summary of the errors, the form with the draft's id and version, the buttons.
 * Each step's route gives its own fields.
 */
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Stepper } from "@codegouvfr/react-dsfr/Stepper";
import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { STEP_TITLES, STEPS, type Step } from "~/forms/application-choices";
import type { loadStep, submitStep } from "~/server/application-step.server";
import { ErrorSummary } from "~/ui/ErrorSummary";
import { pageTitle } from "~/ui/site";

/** The page's title: the step's, then the démarche's. */
export function stepMeta(step: Step): MetaFunction {
  return () => [{ title: pageTitle(`${STEP_TITLES[step]} - Demande d'aide juridictionnelle`) }];
}

/** What the step's loader read. */
export const useStepData = () => useLoaderData<typeof loadStep>();

/**
 * The values the fields show: as saved, or as typed when the form came back with errors (nothing
 * typed is lost), and the errors by field.
 */
export function useStepValues(step: Step) {
  const { values: saved } = useStepData();
  const result = useActionData<typeof submitStep>();
  const errors: Record<string, string> = result?.errors ?? {};
  const values = { ...saved, ...(result?.values ?? {}) };
  // An unticked box is absent from what was posted: it must not come back ticked.
  if (result?.values && step === "ressources") {
    values.incomeChanged = result.values.incomeChanged ?? "";
    values.separateResources = result.values.separateResources ?? "";
  }
  return { saved, values, errors };
}

export function StepPage({
  step,
  notice,
  defaultSubmitFirst = false,
  children,
}: {
  step: Step;
  /** Said above the form, after the errors' summary. */
  notice?: ReactNode;
  /**
   * The form has other submit buttons before « Enregistrer et continuer »: Enter in a field must
   * still save and go on.
   */
  defaultSubmitFirst?: boolean;
  children: ReactNode;
}) {
  const { draft } = useStepData();
  const result = useActionData<typeof submitStep>();
  const navigation = useNavigation();
  const index = STEPS.indexOf(step);
  const next = STEPS[index + 1];
  return (
    <div className="fr-container fr-mt-4w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          <h1 className="fr-h2">Demande d'aide juridictionnelle</h1>
          <Stepper
            currentStep={index + 1}
            stepCount={STEPS.length}
            title={STEP_TITLES[step]}
            nextTitle={next ? STEP_TITLES[next] : undefined}
          />
          <ErrorSummary errors={result?.errors} />
          {notice}
          <p className="fr-text--sm fr-mt-2w">
            Sauf mention contraire, tous les champs sont obligatoires.
          </p>
          <Form method="post" noValidate>
            {defaultSubmitFirst ? (
              // Enter in a field submits with the form's first button: this one (save and go on),
              // not a button of the fields further down. Rendered (off screen, out of the tab order
              // and of the accessibility tree): every engine then uses it.
              <button type="submit" className="fr-sr-only" tabIndex={-1} aria-hidden="true">
                Enregistrer et continuer
              </button>
            ) : null}
            <input type="hidden" name="applicationId" value={draft.id} />
            <input type="hidden" name="version" value={draft.version} />
            {children}
            <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
              {index > 0 ? (
                <li>
                  <Link className="fr-btn fr-btn--secondary" to={`/demande/${STEPS[index - 1]}`}>
                    Étape précédente
                  </Link>
                </li>
              ) : null}
              <li>
                <Button type="submit" disabled={navigation.state === "submitting"}>
                  {step === "recapitulatif" ? "Déposer ma demande" : "Enregistrer et continuer"}
                </Button>
              </li>
            </ul>
            <p className="fr-text--sm">
              Vos réponses sont enregistrées à chaque étape : vous pouvez reprendre plus tard.
            </p>
          </Form>
        </div>
      </div>
    </div>
  );
}
