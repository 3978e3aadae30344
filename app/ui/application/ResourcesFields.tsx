/**
 * The fields of the resources step: the beneficiary's own resources when they are declared, the
 * assets, the exemptions (a victim of a serious crime), a legal expenses insurance.
 */
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { type FieldProps, Text, YesNo } from "./StepInputs";

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
