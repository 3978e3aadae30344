/** The fields of each step of the application form, on react-dsfr. */
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { ReactNode } from "react";
import {
  CAPACITIES,
  REPRESENTATION_LABELS,
  REPRESENTATIONS,
} from "~/domain/application/representation";
import {
  APPLICANT_ROLE_HINTS,
  APPLICANT_ROLES,
  CASE_SUBKINDS,
  PROCEDURE_STAGE_HINTS,
  PROCEDURE_STAGES,
} from "~/forms/application-choices";
import { CourtSelect } from "./CourtSelect";
import type { CourtOption } from "./court-search";
import { state } from "./field-state";

type FieldProps = { values: Record<string, string>; errors: Record<string, string> };

function Text({
  name,
  label,
  hint,
  values,
  errors,
  ...input
}: FieldProps & {
  name: string;
  label: string;
  hint?: ReactNode;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Input
      label={label}
      hintText={hint}
      {...state(errors, name)}
      nativeInputProps={{ id: name, name, defaultValue: values[name] ?? "", ...input }}
    />
  );
}

/** A field of several lines (an address, a description), like Text. */
function TextArea({
  name,
  label,
  hint,
  values,
  errors,
  ...textarea
}: FieldProps & {
  name: string;
  label: string;
  hint?: ReactNode;
} & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Input
      label={label}
      hintText={hint}
      textArea
      {...state(errors, name)}
      nativeTextAreaProps={{ id: name, name, defaultValue: values[name] ?? "", ...textarea }}
    />
  );
}

function YesNo({
  name,
  legend,
  hint,
  values,
  errors,
}: FieldProps & { name: string; legend: string; hint?: ReactNode }) {
  return (
    <RadioButtons
      id={name}
      legend={legend}
      hintText={hint}
      name={name}
      orientation="horizontal"
      {...state(errors, name)}
      options={["oui", "non"].map((value) => ({
        label: value === "oui" ? "Oui" : "Non",
        nativeInputProps: { value, defaultChecked: values[name] === value },
      }))}
    />
  );
}

/**
 * For whom. The beneficiary's fields are always shown (no script needed), and ignored when the
 * application is for oneself.
 */
function RepresentationFields({ values, errors }: FieldProps) {
  const chosen = values.representation || "SELF";
  return (
    <div className="fr-mb-3w">
      <RadioButtons
        id="representation"
        legend="Pour qui faites-vous cette demande ?"
        hintText="Un parent peut la faire pour son enfant mineur ; un tuteur, un curateur ou une personne habilitée par le juge, pour un majeur protégé."
        name="representation"
        {...state(errors, "representation")}
        options={REPRESENTATIONS.map((value) => ({
          label: REPRESENTATION_LABELS[value],
          nativeInputProps: { value, defaultChecked: chosen === value },
        }))}
      />
      <fieldset className="fr-fieldset" aria-labelledby="beneficiary-legend">
        <legend id="beneficiary-legend" className="fr-fieldset__legend">
          La personne pour qui vous faites la demande
          <span className="fr-hint-text">
            Seulement si la demande n'est pas pour vous : son enfant, ou le majeur que vous
            représentez.
          </span>
        </legend>
        <div className="fr-fieldset__element">
          <Select
            label="Votre qualité"
            hint="Votre lien avec cette personne, tel que le juge ou la loi le reconnaît."
            {...state(errors, "representativeCapacity")}
            nativeSelectProps={{
              id: "representativeCapacity",
              name: "representativeCapacity",
              defaultValue: values.representativeCapacity ?? "",
            }}
          >
            <option value="">Choisissez</option>
            {CAPACITIES.map((capacity) => (
              <option key={capacity} value={capacity}>
                {CAPACITY_CHOICES[capacity]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-fieldset__element">
          <Text
            name="beneficiaryGivenName"
            label="Ses prénoms"
            autoComplete="off"
            values={values}
            errors={errors}
          />
        </div>
        <div className="fr-fieldset__element">
          <Text
            name="beneficiaryFamilyName"
            label="Son nom"
            autoComplete="off"
            values={values}
            errors={errors}
          />
        </div>
        <div className="fr-fieldset__element">
          <Text
            name="beneficiaryBirthdate"
            label="Sa date de naissance"
            hint="Format attendu : JJ/MM/AAAA"
            type="date"
            values={values}
            errors={errors}
          />
        </div>
      </fieldset>
    </div>
  );
}

/** The capacities as the citizen chooses them. */
const CAPACITY_CHOICES: Record<(typeof CAPACITIES)[number], string> = {
  PARENT: "Parent de l'enfant (autorité parentale)",
  TUTOR: "Tuteur ou tutrice",
  CURATOR: "Curateur ou curatrice",
  FAMILY_AUTHORISATION: "Personne habilitée par le juge (habilitation familiale)",
};

export function IdentityFields({ values, errors }: FieldProps) {
  return (
    <>
      <RepresentationFields values={values} errors={errors} />
      <Text
        name="contactEmail"
        label="Adresse électronique"
        hint="Pour recevoir l'accusé de réception et les nouvelles de votre demande."
        type="email"
        autoComplete="email"
        required
        values={values}
        errors={errors}
      />
      <Text
        name="contactPhone"
        label="Téléphone (facultatif)"
        hint="Exemple : 06 12 34 56 78"
        type="tel"
        autoComplete="tel"
        values={values}
        errors={errors}
      />
      {/* A textarea: an address takes several lines, and `street-address` is a multiline token. */}
      <TextArea
        name="correspondenceAddress"
        label="Adresse de correspondance (facultatif)"
        hint="Pré-remplie avec l'adresse connue de la DGFiP ; modifiez-la si vous recevez votre courrier ailleurs."
        autoComplete="street-address"
        rows={3}
        values={values}
        errors={errors}
      />
    </>
  );
}

/**
 * The beneficiary's own resources, declared: a protected adult's (the representative's
 * FranceConnect cannot give them), or a minor's assessed apart from the parents'.
 */
function DeclaredResources({ values, errors }: FieldProps) {
  const representation = values.representation;
  if (representation === "PROTECTED_ADULT") {
    return (
      <>
        <Text
          name="declaredReferenceTaxIncome"
          label="Revenu fiscal de référence de la personne protégée, en euros"
          hint="Sur son dernier avis d'imposition. Indiquez 0 si elle n'en a pas. Le bureau pourra vous demander l'avis."
          inputMode="decimal"
          values={values}
          errors={errors}
        />
        <Text
          name="declaredHouseholdSize"
          label="Nombre de personnes de son foyer"
          hint="Elle-même, son conjoint s'il vit avec elle et les personnes à sa charge. 1 si elle vit seule."
          inputMode="numeric"
          values={values}
          errors={errors}
        />
      </>
    );
  }
  if (representation !== "MINOR_CHILD") return null;
  return (
    <div>
      <Checkbox
        id="separateResources"
        options={[
          {
            label: "La procédure oppose l'enfant à ses parents, ou leurs intérêts divergent",
            hintText:
              "Par exemple : ses parents se désintéressent de lui. Seules ses propres ressources comptent alors (loi du 10 juillet 1991, article 5).",
            nativeInputProps: {
              name: "separateResources",
              value: "oui",
              defaultChecked: values.separateResources === "oui",
            },
          },
        ]}
      />
      <div>
        <Text
          name="declaredReferenceTaxIncome"
          label="Revenus de l'enfant sur un an, en euros (seulement si la case est cochée)"
          hint="Salaires d'apprentissage, rentes, pensions… Indiquez 0 s'il n'en a pas."
          inputMode="decimal"
          values={values}
          errors={errors}
        />
        <Text
          name="declaredHouseholdSize"
          label="Nombre de personnes comptées avec l'enfant (seulement si la case est cochée)"
          hint="1 si l'on ne compte que lui."
          inputMode="numeric"
          values={values}
          errors={errors}
        />
      </div>
    </div>
  );
}

export function ResourcesFields({ values, errors }: FieldProps) {
  // Whose assets: the protected adult's own; otherwise the foyer's (the child is part of it).
  const protectedAdult = values.representation === "PROTECTED_ADULT";
  const whose = protectedAdult ? "de la personne protégée" : "de votre foyer";
  const someoneElse = values.representation && values.representation !== "SELF";
  return (
    <>
      <DeclaredResources values={values} errors={errors} />
      <Text
        name="declaredMovableAssets"
        label="Patrimoine mobilier, en euros"
        hint={`Épargne (livrets, comptes, assurance vie), placements et valeurs mobilières ${whose}. Indiquez 0 s'il n'y en a pas.`}
        inputMode="decimal"
        required
        values={values}
        errors={errors}
      />
      <Text
        name="declaredRealEstateAssets"
        label="Patrimoine immobilier hors résidence principale, en euros"
        hint={`Valeur des biens immobiliers ${whose}, autres que la résidence principale et les locaux professionnels. Indiquez 0 s'il n'y en a pas.`}
        inputMode="decimal"
        required
        values={values}
        errors={errors}
      />
      <YesNo
        name="seriousCrimeVictim"
        legend={
          someoneElse
            ? "La personne concernée est-elle victime d'un crime grave ?"
            : "Êtes-vous victime d'un crime grave ?"
        }
        hint="Atteinte volontaire à la vie ou à l'intégrité de la personne, viol, acte de terrorisme : dans ce cas, aucune condition de ressources n'est demandée."
        values={values}
        errors={errors}
      />
      <YesNo
        name="legalExpensesInsurance"
        legend="Une assurance de protection juridique couvre-t-elle cette affaire ?"
        hint="Elle est souvent incluse dans un contrat d'assurance habitation, automobile ou de carte bancaire."
        values={values}
        errors={errors}
      />
      {values.legalExpensesInsurance === "oui" ? (
        <Notice title="Si votre assurance couvre vos frais, l'aide juridictionnelle ne s'applique pas : déclarez d'abord l'affaire à votre assureur. Vous pouvez déposer votre demande si l'assurance ne couvre qu'une partie des frais ; le bureau d'aide juridictionnelle vérifiera." />
      ) : null}
    </>
  );
}

export function ProcedureFields({
  values,
  errors,
  courts,
}: FieldProps & { courts: CourtOption[] }) {
  return (
    <>
      <RadioButtons
        id="caseKind"
        legend="Type d'affaire"
        name="caseKind"
        orientation="horizontal"
        {...state(errors, "caseKind")}
        options={[
          { value: "CIVIL", label: "Civile (famille, logement, travail…)" },
          { value: "PENAL", label: "Pénale (victime ou personne poursuivie)" },
        ].map((option) => ({
          label: option.label,
          nativeInputProps: {
            value: option.value,
            defaultChecked: values.caseKind === option.value,
          },
        }))}
      />
      <Select
        label="Nature de l'affaire"
        {...state(errors, "caseSubkind")}
        nativeSelectProps={{
          id: "caseSubkind",
          name: "caseSubkind",
          defaultValue: values.caseSubkind ?? "",
        }}
      >
        <option value="">Choisir</option>
        <CivilAndPenalOptions options={CASE_SUBKINDS} />
      </Select>
      <CourtSelect courts={courts} defaultValue={values.courtId ?? ""} errors={errors} />
      <ApplicantRoleFields values={values} errors={errors} />
      <RadioButtons
        id="procedureStage"
        legend="Où en est votre affaire ?"
        name="procedureStage"
        {...state(errors, "procedureStage")}
        options={PROCEDURE_STAGES.map((stage) => ({
          label: stage,
          hintText: PROCEDURE_STAGE_HINTS[stage],
          nativeInputProps: { value: stage, defaultChecked: values.procedureStage === stage },
        }))}
      />
      <Text
        name="adverseParty"
        label="L'autre partie (facultatif)"
        hint="Le nom de la personne ou de l'organisme en face de vous dans l'affaire : celui que vous attaquez, ou qui vous attaque."
        values={values}
        errors={errors}
      />
      <TextArea
        name="description"
        label="Décrivez votre affaire"
        hint="En quelques phrases : les faits, ce que vous demandez ou ce qu'on vous reproche."
        rows={5}
        values={values}
        errors={errors}
      />
      <RadioButtons
        id="lawyer"
        legend="Avocat"
        name="lawyer"
        {...state(errors, "lawyer")}
        options={[
          { value: "designation", label: "Je demande qu'un avocat me soit désigné" },
          { value: "choisi", label: "J'ai déjà choisi un avocat" },
        ].map((option) => ({
          label: option.label,
          nativeInputProps: { value: option.value, defaultChecked: values.lawyer === option.value },
        }))}
      />
      <Text
        name="lawyerName"
        label="Nom de votre avocat (si vous l'avez choisi)"
        values={values}
        errors={errors}
      />
      <Text
        name="lawyerBar"
        label="Barreau de votre avocat (si vous l'avez choisi)"
        hint="Exemple : Paris"
        values={values}
        errors={errors}
      />
      <YesNo
        name="urgent"
        legend="Votre affaire est-elle urgente ?"
        hint="Par exemple : une audience dans moins d'un mois, une expulsion, une garde à vue."
        values={values}
        errors={errors}
      />
    </>
  );
}

/**
 * The applicant's role: radios, each with what it means in plain words, in a group for civil cases
 * and one for criminal cases (one radio group: the same name). The stored values are the legal words.
 */
function ApplicantRoleFields({ values, errors }: FieldProps) {
  const error = errors.applicantRole;
  return (
    <fieldset
      id="applicantRole"
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      aria-labelledby="applicantRole-legend applicantRole-messages"
    >
      <legend id="applicantRole-legend" className="fr-fieldset__legend fr-text--regular">
        Votre rôle dans l'affaire
        <span className="fr-hint-text">
          Choisissez selon le type d'affaire indiqué plus haut : civile ou pénale.
        </span>
      </legend>
      {(["CIVIL", "PENAL"] as const).map((kind) => (
        <div key={kind} className="fr-fieldset__element">
          <RadioButtons
            id={`applicantRole-${kind}`}
            legend={kind === "CIVIL" ? "Dans une affaire civile" : "Dans une affaire pénale"}
            name="applicantRole"
            options={APPLICANT_ROLES[kind].map((role) => ({
              label: role,
              hintText: APPLICANT_ROLE_HINTS[role],
              nativeInputProps: { value: role, defaultChecked: values.applicantRole === role },
            }))}
          />
        </div>
      ))}
      <div
        className="fr-messages-group"
        id="applicantRole-messages"
        aria-live={error ? "assertive" : undefined}
      >
        {error ? (
          <p id="applicantRole-desc-error" className="fr-message fr-message--error">
            {error}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}

/** The options of a select, in a group for civil cases and one for criminal cases. */
function CivilAndPenalOptions({
  options,
}: {
  options: { CIVIL: readonly string[]; PENAL: readonly string[] };
}) {
  return (
    <>
      <optgroup label="Affaires civiles">
        {options.CIVIL.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </optgroup>
      <optgroup label="Affaires pénales">
        {options.PENAL.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </optgroup>
    </>
  );
}
