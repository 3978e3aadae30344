import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { type EligibilityResult, OUTCOME_LABELS } from "~/domain/eligibility";
import { dayInFrance, euros, FAMILY_SITUATIONS } from "~/domain/french";
import { DescriptionList } from "./DescriptionList";
import { FranceConnectLogin } from "./FranceConnectLogin";

type Props = {
  lastFetch:
    | { status: "found" | "no_record"; recordId: string }
    | { status: "failed"; reason: string }
    | { status: "pending" }
    | null;
  record: { incomeYear: number; fetchedAt: string; found: boolean } | null;
  situation: { rfr: number; nbPart: number; sitFam: string; pac?: { nbPac: number } } | null;
  householdSize: number | null;
  eligibility: EligibilityResult | null;
};

const FAILURES: Record<string, string> = {
  unavailable:
    "Le service de la DGFiP ne répond pas pour le moment. Rien n'est perdu : réessayez dans quelques minutes en vous reconnectant avec FranceConnect.",
  refused:
    "La DGFiP a refusé la transmission de vos revenus (l'autorisation donnée à FranceConnect a peut-être expiré). Reconnectez-vous avec FranceConnect pour réessayer.",
  invalid_response:
    "La réponse de la DGFiP n'a pas pu être lue. Rien n'est perdu : réessayez en vous reconnectant avec FranceConnect.",
};

/** The citizen's certified tax data (or why it is missing) and the eligibility it gives. */
export function TaxDataSection({
  lastFetch,
  record,
  situation,
  householdSize,
  eligibility,
}: Props) {
  const failed = lastFetch?.status === "failed" ? lastFetch : null;
  const pending = lastFetch?.status === "pending";
  const revalidator = useRevalidator();
  // While the DGFiP is asked again in the background, the page looks every few seconds.
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 3_000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);
  return (
    <section aria-labelledby="revenus" className="fr-mt-4w">
      <h2 id="revenus" className="fr-h4">
        Vos revenus{" "}
        <Badge as="span" severity="info" small>
          Données transmises par la DGFiP
        </Badge>
      </h2>
      {failed ? (
        <div className="fr-mb-3w" role="alert">
          <Alert
            as="h3"
            severity="warning"
            title="Vos revenus n'ont pas pu être obtenus"
            description={FAILURES[failed.reason] ?? FAILURES.unavailable}
          />
          <div className="fr-mt-2w">
            <FranceConnectLogin redirectTo="/mon-compte" />
          </div>
        </div>
      ) : null}
      {pending ? (
        <div className="fr-mb-3w" role="status">
          <Alert
            as="h3"
            severity="info"
            title="Vos revenus sont en cours de transmission"
            description="La DGFiP met plus de temps que d'habitude à répondre. Rien n'est perdu : le service réessaie pendant une minute et cette page s'actualise d'elle-même. Vous pouvez aussi la recharger."
          />
        </div>
      ) : null}
      {record && !record.found ? (
        <Alert
          as="h3"
          severity="info"
          title="Aucun avis d'imposition trouvé à votre nom"
          description={`La DGFiP n'a pas d'avis d'imposition sur les revenus ${record.incomeYear} ou ${record.incomeYear - 1} où vous êtes déclarant(e). C'est le cas si vous n'avez pas encore déclaré vos revenus, ou si vous êtes rattaché(e) au foyer fiscal d'une autre personne (vos parents par exemple). Vous pourrez indiquer vos ressources dans votre demande.`}
        />
      ) : null}
      {situation && record ? (
        <>
          <p>
            Revenus {record.incomeYear}, tels que la DGFiP les a transmis le{" "}
            {dayInFrance(record.fetchedAt)}. Ils ne peuvent pas être modifiés.
          </p>
          <DescriptionList
            rows={[
              ["Revenu fiscal de référence", euros(situation.rfr)],
              [
                "Nombre de parts (pour l'impôt, pas pour l'aide)",
                String(situation.nbPart).replace(".", ","),
              ],
              ["Situation de famille", FAMILY_SITUATIONS[situation.sitFam] ?? situation.sitFam],
              ["Personnes à charge", String(situation.pac?.nbPac ?? 0)],
              ["Personnes comptées dans votre foyer pour l'aide", String(householdSize)],
            ]}
          />
        </>
      ) : null}
      {eligibility ? (
        <div className="fr-mt-3w">
          <h3 className="fr-h5">Estimation de votre droit</h3>
          <Alert
            as="h4"
            severity={eligibility.outcome === "INELIGIBLE" ? "warning" : "success"}
            title={OUTCOME_LABELS[eligibility.outcome]}
            description="Estimation sans patrimoine : vous déclarerez votre épargne et vos biens immobiliers dans votre demande. Seul le bureau d'aide juridictionnelle décide."
          />
          <ul className="fr-mt-2w">
            {eligibility.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
