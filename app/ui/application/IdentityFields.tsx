/** The fields of the identity step: for whom the application is, and how to reach the applicant. */
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import {
  CAPACITIES,
  REPRESENTATION_LABELS,
  REPRESENTATIONS,
} from "~/domain/application/representation";
import { state } from "./field-state";
import { type FieldProps, Text, TextArea } from "./StepInputs";

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
