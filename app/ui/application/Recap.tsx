import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Link } from "@remix-run/react";
import {
  CAPACITY_LABELS,
  type Capacity,
  REPRESENTATION_LABELS,
  type Representation,
  resourcesSource,
} from "~/domain/application/representation";
import { type EligibilityResult, OUTCOME_LABELS } from "~/domain/eligibility";
import { euros, eurosAndCents, frenchDate } from "~/domain/french";
import { STEP_TITLES, type Step } from "~/forms/application-choices";
import { DescriptionList } from "../DescriptionList";

type Props = {
  values: Record<string, string>;
  courts: { id: string; label: string }[];
  missing: Step[];
  eligibility: EligibilityResult | null;
  tax: { incomeYear: number; rfr: number; household: number } | null;
  /** France Travail's certified payments of the six months, when the income changed and they were fetched. */
  payments: { payments: unknown[] | null; total: number } | null;
};

function Section({ step, rows }: { step: Step; rows: [string, string][] }) {
  return (
    <section className="fr-mt-4w" aria-labelledby={`recap-${step}`}>
      <h2 id={`recap-${step}`} className="fr-h5">
        {STEP_TITLES[step]}{" "}
        <Link className="fr-link fr-text--sm" to={`/demande/${step}`}>
          Modifier<span className="fr-sr-only"> : {STEP_TITLES[step]}</span>
        </Link>
      </h2>
      <DescriptionList rows={rows} />
    </section>
  );
}

const yesNo = (value: string) => (value === "oui" ? "Oui" : value === "non" ? "Non" : "");

/** Everything the citizen will submit, with links to change it, and what it gives. */
/** « Oui : 5 102,40 € certifiés par France Travail et 0 € déclarés », or « Non ». */
function recentIncomeRow(values: Record<string, string>, payments: Props["payments"]): string {
  if (values.incomeChanged !== "oui") return "Non";
  const declared = `${euros(Number(values.declaredRecentIncome || 0))} d'autres revenus déclarés`;
  return payments?.payments
    ? `Oui : ${eurosAndCents(payments.total)} versés par France Travail (certifiés) et ${declared}`
    : `Oui : ${declared}`;
}

/** For whom the application is, when it is not for oneself. */
function representationRows(values: Record<string, string>): [string, string][] {
  const representation = (values.representation || "SELF") as Representation;
  if (representation === "SELF") return [["Demande faite", REPRESENTATION_LABELS.SELF]];
  const capacity = values.representativeCapacity as Capacity | "";
  return [
    ["Demande faite", REPRESENTATION_LABELS[representation]],
    [
      "Personne concernée",
      `${values.beneficiaryGivenName ?? ""} ${values.beneficiaryFamilyName ?? ""}${values.beneficiaryBirthdate ? `, né(e) le ${frenchDate(values.beneficiaryBirthdate)}` : ""}`.trim(),
    ],
    ["Votre qualité", capacity ? CAPACITY_LABELS[capacity] : ""],
  ];
}

export function Recap({ values, courts, missing, eligibility, tax, payments }: Props) {
  const court = courts.find((c) => c.id === values.courtId)?.label ?? "";
  const declared =
    resourcesSource({
      representation: (values.representation || "SELF") as Representation,
      separateResources: values.separateResources === "oui",
    }) === "DECLARED";
  return (
    <>
      {missing.length ? (
        <Alert
          as="h2"
          severity="warning"
          title="Votre demande est incomplète"
          description={
            <ul>
              {missing.map((step) => (
                <li key={step}>
                  <Link to={`/demande/${step}`}>Compléter l'étape « {STEP_TITLES[step]} »</Link>
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Section
        step="identite"
        rows={[
          ...representationRows(values),
          ["Adresse électronique", values.contactEmail ?? ""],
          ["Téléphone", values.contactPhone ?? ""],
          ["Adresse de correspondance", values.correspondenceAddress ?? ""],
        ]}
      />
      <Section
        step="ressources"
        rows={[
          declared
            ? [
                "Revenus de la personne concernée (déclarés)",
                `${euros(Number(values.declaredReferenceTaxIncome || 0))} par an, foyer de ${values.declaredHouseholdSize || "?"} personne(s)`,
              ]
            : [
                "Revenus (transmis par la DGFiP)",
                tax
                  ? `Revenus ${tax.incomeYear} : revenu fiscal de référence de ${euros(tax.rfr)}`
                  : "Non transmis",
              ],
          [
            "Patrimoine mobilier déclaré",
            values.declaredMovableAssets ? euros(Number(values.declaredMovableAssets)) : "",
          ],
          [
            "Patrimoine immobilier déclaré",
            values.declaredRealEstateAssets ? euros(Number(values.declaredRealEstateAssets)) : "",
          ],
          ["Victime d'un crime grave", yesNo(values.seriousCrimeVictim ?? "")],
          ["Assurance de protection juridique", yesNo(values.legalExpensesInsurance ?? "")],
          ["Revenus changés depuis l'avis (six derniers mois)", recentIncomeRow(values, payments)],
        ]}
      />
      <Section
        step="procedure"
        rows={[
          [
            "Affaire",
            [
              values.caseKind === "PENAL" ? "Pénale" : values.caseKind === "CIVIL" ? "Civile" : "",
              values.caseSubkind,
            ]
              .filter(Boolean)
              .join(" : "),
          ],
          ["Tribunal", court],
          ["Votre rôle", values.applicantRole ?? ""],
          ["Où en est l'affaire", values.procedureStage ?? ""],
          ["L'autre partie", values.adverseParty ?? ""],
          ["Description", values.description ?? ""],
          [
            "Avocat",
            values.lawyer === "designation"
              ? "Désignation demandée"
              : values.lawyer === "choisi"
                ? `${values.lawyerName} (barreau de ${values.lawyerBar})`
                : "",
          ],
          ["Urgent", yesNo(values.urgent ?? "")],
        ]}
      />
      <section className="fr-mt-4w" aria-labelledby="recap-eligibilite">
        <h2 id="recap-eligibilite" className="fr-h5">
          Estimation de votre droit
        </h2>
        {eligibility ? (
          <>
            <p className="fr-text--lead">{OUTCOME_LABELS[eligibility.outcome]}</p>
            <ul>
              {eligibility.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>
            Sans revenus transmis par la DGFiP, le bureau d'aide juridictionnelle évaluera vos
            ressources.
          </p>
        )}
        {values.legalExpensesInsurance === "oui" ? (
          <p>
            Une assurance de protection juridique couvre votre affaire : l'aide juridictionnelle ne
            prend en charge que ce que l'assurance ne couvre pas.
          </p>
        ) : null}
      </section>
    </>
  );
}
