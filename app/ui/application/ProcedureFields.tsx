/** The fields of the procedure step: the case, the court, the applicant's role, the lawyer, the urgency. */
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
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
import { type FieldProps, Text, TextArea, YesNo } from "./StepInputs";

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
