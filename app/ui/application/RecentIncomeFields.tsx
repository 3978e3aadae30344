import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { eurosAndCents, frenchDate } from "~/domain/french";
import { state } from "./field-state";

/** France Travail's payments as the page shows them (see certified-income.server.ts). */
export type PaymentsView = {
  period: { from: string; to: string };
  /** null: France Travail knows nothing of this person. */
  payments: { date: string; amount: number }[] | null;
  total: number;
};

/** What the return from FranceConnect said of the fetch (`?donnees=`). */
export type FetchNotice = "recues" | "aucune" | "indisponibles" | "refusees" | "connexion" | null;

const NOTICES: Record<
  Exclude<FetchNotice, null>,
  { severity: "success" | "info" | "warning"; text: string }
> = {
  recues: {
    severity: "success",
    text: "France Travail a transmis vos paiements : ils sont affichés plus bas, dans « Changement de situation ». Vérifiez vos autres revenus puis enregistrez.",
  },
  aucune: {
    severity: "info",
    text: "France Travail n'a trouvé aucun dossier à votre nom. Déclarez vos revenus des six derniers mois plus bas, dans « Changement de situation ».",
  },
  indisponibles: {
    severity: "warning",
    text: "France Travail n'a pas pu transmettre vos paiements. Réessayez dans quelques minutes, ou déclarez-les avec vos autres revenus, plus bas.",
  },
  refusees: {
    severity: "info",
    text: "Vous n'avez pas donné votre accord : rien n'a été demandé à France Travail. Vos réponses sont enregistrées.",
  },
  connexion: {
    severity: "warning",
    text: "FranceConnect n'a pas pu être joint : vos réponses sont enregistrées, réessayez dans quelques minutes.",
  },
};

/** What came of the last request to France Travail, at the top of the step. */
export function FetchNoticeAlert({ notice }: { notice: FetchNotice }) {
  if (!notice) return null;
  const { severity, text } = NOTICES[notice];
  return (
    <div role="status" className="fr-mb-3w">
      <Alert severity={severity} small description={text} />
    </div>
  );
}

/**
 * « Mes revenus ont changé depuis cet avis d'imposition » (décret 2020-1717 art. 4): France
 * Travail's payments, certified, fetched with the citizen's consent through FranceConnect, and the
 * other income of the six months, declared.
 */
export function RecentIncomeFields({
  values,
  errors,
  period,
  payments,
  franceTravail,
  expiredOn,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The six months: those the payments cover, else those before today. */
  period: { from: string; to: string };
  payments: PaymentsView | null;
  /** France Travail is enabled (DATA_PROVIDERS). */
  franceTravail: boolean;
  /** The day of an answer too old to be read any more ("YYYY-MM-DD"), if that is the latest. */
  expiredOn?: string | null;
}) {
  const between = `du ${frenchDate(period.from)} au ${frenchDate(period.to)}`;
  return (
    <fieldset className="fr-fieldset fr-mt-2w" aria-labelledby="recent-income-legend">
      <legend className="fr-fieldset__legend" id="recent-income-legend">
        Changement de situation
      </legend>
      <div className="fr-fieldset__element">
        <Checkbox
          id="incomeChanged"
          options={[
            {
              label: "Mes revenus ont changé depuis cet avis d'imposition",
              hintText: `Perte d'emploi, arrêt maladie, retraite… Vos ressources seront alors celles des six derniers mois (${between}) : leur total, moins 10 %, multiplié par deux.`,
              nativeInputProps: {
                name: "incomeChanged",
                value: "oui",
                defaultChecked: values.incomeChanged === "oui",
              },
            },
          ]}
        />
      </div>
      {franceTravail ? (
        <div className="fr-fieldset__element">
          <h3 className="fr-h6 fr-mb-1w">Vos paiements de France Travail</h3>
          {expiredOn ? (
            <Alert
              severity="warning"
              small
              className="fr-mb-2w"
              description={`Les paiements obtenus le ${frenchDate(expiredOn)} ne couvrent plus les six derniers mois : ils ne sont pas comptés. Obtenez-les à nouveau.`}
            />
          ) : null}
          <PaymentsSummary payments={payments} />
          <p className="fr-hint-text fr-mb-1w">
            Si vous touchez des allocations chômage, France Travail peut nous transmettre les
            paiements des six derniers mois : vous n'aurez pas à les justifier. Vous passerez par
            FranceConnect pour donner votre accord ; vos réponses de cette page sont enregistrées
            avant.
          </p>
          {/* A plain button: react-dsfr's Button drops the value of nativeButtonProps. */}
          <button
            className="fr-btn fr-btn--secondary"
            type="submit"
            name="intent"
            value="france-travail"
          >
            {payments
              ? "Obtenir à nouveau mes paiements de France Travail"
              : "Obtenir mes paiements de France Travail"}
          </button>
        </div>
      ) : null}
      <div className="fr-fieldset__element fr-mt-2w">
        <Input
          label="Vos autres revenus imposables des six derniers mois, en euros"
          hintText={`Seulement si vos revenus ont changé. Salaires, indemnités journalières, pensions… reçus ${between}${otherIncomeScope(franceTravail, payments)}. Indiquez 0 si vous n'en avez pas eu. Ce montant est déclaré : le bureau pourra vous demander des justificatifs.`}
          {...state(errors, "declaredRecentIncome")}
          nativeInputProps={{
            id: "declaredRecentIncome",
            name: "declaredRecentIncome",
            inputMode: "decimal",
            defaultValue: values.declaredRecentIncome ?? "",
          }}
        />
      </div>
    </fieldset>
  );
}

/** What the other income includes, depending on what France Travail certified. */
function otherIncomeScope(franceTravail: boolean, payments: PaymentsView | null): string {
  if (!franceTravail) return ", allocations chômage comprises";
  return payments?.payments?.length
    ? ", sans les paiements de France Travail transmis ci-dessus"
    : ", allocations de France Travail comprises si vous ne les avez pas obtenues ci-dessus";
}

function PaymentsSummary({ payments }: { payments: PaymentsView | null }) {
  if (!payments) return null;
  const between = `du ${frenchDate(payments.period.from)} au ${frenchDate(payments.period.to)}`;
  if (payments.payments === null) {
    return (
      <Alert
        severity="info"
        small
        className="fr-mb-2w"
        description={`France Travail n'a trouvé aucun dossier à votre nom : aucun paiement ${between}.`}
      />
    );
  }
  if (!payments.payments.length) {
    return (
      <Alert
        severity="info"
        small
        className="fr-mb-2w"
        description={`France Travail ne vous a rien versé ${between}.`}
      />
    );
  }
  const count = payments.payments.length;
  return (
    <Alert
      severity="success"
      small
      className="fr-mb-2w"
      description={
        <>
          Certifiés par France Travail, {between} : {count} paiement{count > 1 ? "s" : ""},{" "}
          {eurosAndCents(payments.total)} au total. Vous n'avez rien à justifier.
          <span className="fr-sr-only"> Détail :</span>
          <ul className="fr-mt-1w">
            {payments.payments.map((payment) => (
              <li key={`${payment.date} ${payment.amount}`}>
                le {frenchDate(payment.date)} : {eurosAndCents(payment.amount)}
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}
