import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { computeEligibility, type EligibilityResult } from "~/domain/eligibility";
import { euros, todayInFrance } from "~/domain/french";
import { parseSimulator, SIMULATOR_FIELDS, type SimulatorField } from "~/forms/simulator";
import { ContentPage } from "~/ui/ContentPage";
import { ErrorSummary } from "~/ui/ErrorSummary";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  {
    title: pageTitle(
      loaded?.errors
        ? "Erreur - Simulateur"
        : loaded?.result
          ? "Résultat - Simulateur"
          : "Simulateur",
    ),
  },
];

// A GET form: nothing is stored, the result can be bookmarked, and it works without JavaScript.
export function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (!params.has("referenceTaxIncome")) return { values: null, errors: null, result: null };
  const values = Object.fromEntries(
    (Object.keys(SIMULATOR_FIELDS) as SimulatorField[]).map((field) => [
      field,
      params.get(field) ?? "",
    ]),
  ) as Record<SimulatorField, string>;
  const parsed = parseSimulator(values);
  // The page itself is fine (200): it shows the mistakes next to each field.
  if (!parsed.ok) return { values, errors: parsed.errors, result: null };
  const result = computeEligibility({
    requestDate: todayInFrance(),
    referenceTaxIncome: parsed.values.referenceTaxIncome,
    householdSize: parsed.values.householdSize,
    movableAssets: parsed.values.movableAssets,
    realEstateAssets: parsed.values.realEstateAssets,
    exemption: parsed.values.seriousCrimeVictim ? "SERIOUS_CRIME_VICTIM" : null,
  });
  return { values, errors: null, result };
}

const OUTCOMES: Record<
  EligibilityResult["outcome"],
  { title: string; severity: "success" | "info" | "warning" }
> = {
  FULL: {
    title: "Vous pourriez bénéficier de l'aide juridictionnelle totale",
    severity: "success",
  },
  PARTIAL_55: {
    title: "Vous pourriez bénéficier de l'aide juridictionnelle partielle (55 %)",
    severity: "info",
  },
  PARTIAL_25: {
    title: "Vous pourriez bénéficier de l'aide juridictionnelle partielle (25 %)",
    severity: "info",
  },
  INELIGIBLE: {
    title: "Vos revenus ou vos biens dépassent les plafonds de l'aide juridictionnelle",
    severity: "warning",
  },
};

export default function Simulator() {
  const { values, errors, result } = useLoaderData<typeof loader>();
  const resultRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const field = (
    name: Exclude<SimulatorField, "seriousCrimeVictim">,
    hint: string,
    inputMode: "numeric" | "decimal",
  ) => (
    <Input
      label={SIMULATOR_FIELDS[name]}
      hintText={hint}
      state={errors?.[name] ? "error" : "default"}
      stateRelatedMessage={errors?.[name]}
      nativeInputProps={{
        id: name,
        name,
        inputMode,
        autoComplete: "off",
        defaultValue: values?.[name] ?? "",
        required: true,
      }}
    />
  );

  return (
    <ContentPage title="Simulateur d'aide juridictionnelle">
      <p className="fr-text--lead">
        Estimez en une minute si vous pouvez bénéficier de l'aide juridictionnelle, et à quel taux.
        Rien n'est enregistré.
      </p>
      <ErrorSummary errors={errors} />
      <p className="fr-text--sm">Sauf mention contraire, tous les champs sont obligatoires.</p>
      <Form method="get" noValidate preventScrollReset>
        {field(
          "referenceTaxIncome",
          "Il figure sur votre dernier avis d'imposition. Exemple : 14 100",
          "numeric",
        )}
        {field(
          "householdSize",
          "Vous, votre conjoint marié ou pacsé, et les personnes à votre charge.",
          "numeric",
        )}
        {field(
          "movableAssets",
          "Épargne, placements, valeurs mobilières… Indiquez 0 si vous n'en avez pas.",
          "decimal",
        )}
        {field(
          "realEstateAssets",
          "Valeur des biens immobiliers autres que votre résidence principale. Indiquez 0 si vous n'en avez pas.",
          "decimal",
        )}
        <Checkbox
          options={[
            {
              label:
                "Je suis victime d'un crime grave (atteinte volontaire à la vie ou à l'intégrité de la personne, viol, acte de terrorisme)",
              hintText: "Dans ce cas, aucune condition de ressources n'est demandée.",
              nativeInputProps: {
                name: "seriousCrimeVictim",
                value: "oui",
                defaultChecked: values?.seriousCrimeVictim === "oui",
              },
            },
          ]}
        />
        <Button type="submit">Estimer mon droit</Button>
      </Form>

      {result ? (
        <section ref={resultRef} tabIndex={-1} aria-labelledby="resultat" className="fr-mt-6w">
          <h2 id="resultat">Résultat</h2>
          <Alert
            as="h3"
            severity={OUTCOMES[result.outcome].severity}
            title={OUTCOMES[result.outcome].title}
            description={
              result.stateShare > 0
                ? `L'État prendrait en charge ${result.stateShare} % de vos frais de justice.`
                : "Vous pouvez tout de même déposer une demande : le bureau d'aide juridictionnelle examine chaque situation."
            }
          />
          <h3 className="fr-mt-4w">Pourquoi ?</h3>
          <ul>
            {result.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <Table
            caption={`Plafonds ${result.scaleYear} pour votre foyer`}
            headers={["Plafond", "Montant"]}
            data={[
              ["Aide totale (revenu fiscal de référence)", euros(result.ceilings.full)],
              ["Aide partielle à 55 %", euros(result.ceilings.partial55)],
              ["Aide partielle à 25 %", euros(result.ceilings.partial25)],
              ["Patrimoine mobilier", euros(result.ceilings.movableAssets)],
              [
                "Patrimoine immobilier (hors résidence principale)",
                euros(result.ceilings.realEstateAssets),
              ],
            ]}
          />
          <p className="fr-text--sm">
            Cette estimation n'est pas une décision : seul le bureau d'aide juridictionnelle décide.
          </p>
        </section>
      ) : null}
    </ContentPage>
  );
}
