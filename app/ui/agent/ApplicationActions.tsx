import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { type ApplicationEvent, confirmationOf } from "~/domain/application/events";
import { canRejectAsInadmissible, REJECTION_MOTIFS } from "~/domain/application/motifs";
import { OUTCOME_LABELS, OUTCOMES } from "~/domain/eligibility";

type Result = {
  intent: string | null;
  message: string;
  errors: Record<string, string>;
  values: Record<string, string>;
} | null;

type Props = {
  application: {
    version: number;
    status: string;
    computed: (typeof OUTCOMES)[number] | null;
    applicantRole: string | null;
    proposal: {
      outcome: string;
      motif: string | null;
      reason: string | null;
      by: string | null;
      at: string | null;
    } | null;
    decision: {
      outcome: string;
      share: number | null;
      motif: string | null;
      reason: string | null;
      by: string | null;
      at: string | null;
    } | null;
    id: string;
  };
  actions: ApplicationEvent[];
  courts: { id: string; city: string; departement: string }[];
  requests: { code: string; label: string }[];
  defaultDeadline: string;
  result: Result;
};

/**
 * An action's form: its intent, the version the agent saw, its fields, the box that confirms an act
 * with legal effect, and its button.
 */
function ActionForm({
  intent,
  version,
  legend,
  submit,
  secondary,
  result,
  children,
}: {
  intent: string;
  version: number;
  legend: string;
  submit: string;
  secondary?: boolean;
  result?: Result;
  children?: ReactNode;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const confirmation = confirmationOf(intent);
  return (
    <Form method="post" noValidate className="fr-mb-4w" aria-label={legend}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      {children}
      {confirmation ? (
        <Checkbox
          id={`${intent}-confirm`}
          {...errorOf(result ?? null, intent, "confirm")}
          options={[{ label: confirmation, nativeInputProps: { name: "confirm", value: "oui" } }]}
        />
      ) : null}
      <Button type="submit" priority={secondary ? "secondary" : "primary"} disabled={busy}>
        {busy ? "Envoi…" : submit}
      </Button>
    </Form>
  );
}

const errorOf = (result: Result, intent: string, field: string) =>
  result?.intent === intent && result.errors[field]
    ? { state: "error" as const, stateRelatedMessage: result.errors[field] }
    : {};
const typed = (result: Result, intent: string, field: string, fallback = "") =>
  result?.intent === intent ? (result.values[field] ?? fallback) : fallback;

/** The actions the state machine and the agent's role allow now, and nothing else. */
export function ApplicationActions({
  application,
  actions,
  courts,
  requests,
  defaultDeadline,
  result,
}: Props) {
  const has = (event: ApplicationEvent) => actions.includes(event);
  const version = application.version;
  const decisionIntent = has("decide")
    ? "decide"
    : has("proposeDecision")
      ? "proposeDecision"
      : null;
  const motifs = Object.entries(REJECTION_MOTIFS).filter(
    ([code]) => code !== "INADMISSIBLE" || canRejectAsInadmissible(application.applicantRole),
  );
  return (
    <section aria-labelledby="actions">
      <h2 id="actions" className="fr-h4">
        Actions
      </h2>
      {application.decision ? (
        <div className="fr-callout fr-mb-3w">
          <h3 className="fr-callout__title fr-h6">Décision</h3>
          <p className="fr-callout__text fr-text--md">
            {application.decision.outcome} — part de l'État : {application.decision.share ?? 0} %.
            {application.decision.motif ? ` Motif : ${application.decision.motif}.` : ""}
            {application.decision.reason ? ` ${application.decision.reason}` : ""}
            <br />
            Signée par {application.decision.by} le {application.decision.at}.
          </p>
          <a
            className="fr-link fr-icon-download-line fr-link--icon-left"
            href={`/bureau/demandes/${application.id}/decision`}
            download
          >
            Lettre de décision (PDF)
          </a>
          <br />
          <Link className="fr-link" to={`/bureau/demandes/${application.id}/document/decision`}>
            Lire la lettre de décision en ligne
          </Link>
        </div>
      ) : null}
      {application.proposal && application.status === "DECISION_PROPOSED" ? (
        <div className="fr-callout fr-mb-3w">
          <h3 className="fr-callout__title fr-h6">Décision proposée</h3>
          <p className="fr-callout__text fr-text--md">
            {application.proposal.outcome}
            {application.proposal.motif ? ` — motif : ${application.proposal.motif}` : ""}
            {application.proposal.reason ? `. ${application.proposal.reason}` : ""}
            <br />
            Proposée par {application.proposal.by} le {application.proposal.at}.
          </p>
        </div>
      ) : null}
      {actions.length === 0 && !application.decision ? (
        <p>Aucune action ne vous est possible sur cette demande dans son état actuel.</p>
      ) : null}

      {has("startReview") ? (
        <ActionForm
          intent="startReview"
          version={version}
          legend="Prendre en charge"
          submit="Prendre en charge"
        />
      ) : null}

      {has("signDecision") ? (
        <ActionForm
          intent="signDecision"
          version={version}
          result={result}
          legend="Signer la décision proposée"
          submit="Signer la décision"
        />
      ) : null}

      {has("returnToReview") ? (
        <ActionForm
          intent="returnToReview"
          version={version}
          legend="Renvoyer en instruction"
          submit="Renvoyer en instruction"
          secondary
        >
          <Input
            label="Ce qui doit être revu"
            textArea
            {...errorOf(result, "returnToReview", "reason")}
            nativeTextAreaProps={{
              name: "reason",
              rows: 2,
              defaultValue: typed(result, "returnToReview", "reason"),
            }}
          />
        </ActionForm>
      ) : null}

      {has("recordLapse") ? (
        <ActionForm
          intent="recordLapse"
          version={version}
          result={result}
          legend="Constater la caducité"
          submit="Constater la caducité"
          secondary
        >
          <p className="fr-text--sm">
            Le délai de réponse est dépassé sans réponse du demandeur. La caducité met fin à la
            demande ; le demandeur pourra en déposer une nouvelle.
          </p>
        </ActionForm>
      ) : null}

      {decisionIntent ? (
        <ActionForm
          intent={decisionIntent}
          version={version}
          result={result}
          legend={decisionIntent === "decide" ? "Décider" : "Proposer une décision"}
          submit={decisionIntent === "decide" ? "Décider et signer" : "Proposer cette décision"}
        >
          <RadioButtons
            legend={decisionIntent === "decide" ? "Décision" : "Décision proposée"}
            hintText={
              application.computed
                ? `Le calcul donne : ${OUTCOME_LABELS[application.computed]}.`
                : "Aucun calcul : pas de revenu certifié au dépôt."
            }
            {...errorOf(result, decisionIntent, "outcome")}
            options={OUTCOMES.map((outcome) => ({
              label: outcome === "INELIGIBLE" ? "Rejet" : OUTCOME_LABELS[outcome],
              nativeInputProps: {
                name: "outcome",
                value: outcome,
                defaultChecked:
                  typed(result, decisionIntent, "outcome", application.computed ?? "FULL") ===
                  outcome,
              },
            }))}
          />
          <Select
            label="Motif du rejet (pour un rejet seulement)"
            {...errorOf(result, decisionIntent, "motif")}
            nativeSelectProps={{
              name: "motif",
              defaultValue: typed(result, decisionIntent, "motif"),
            }}
          >
            <option value="">—</option>
            {motifs.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </Select>
          <Input
            label="Motivation"
            hintText="Obligatoire pour un rejet ou si la décision diffère du calcul. Le demandeur la lira."
            textArea
            {...errorOf(result, decisionIntent, "reason")}
            nativeTextAreaProps={{
              name: "reason",
              rows: 3,
              defaultValue: typed(result, decisionIntent, "reason"),
            }}
          />
        </ActionForm>
      ) : null}

      {has("requestInformation") ? (
        <ActionForm
          intent="requestInformation"
          version={version}
          legend="Demander des précisions"
          submit="Demander des précisions"
          secondary
        >
          <Select
            label="Demande courante"
            nativeSelectProps={{
              name: "template",
              defaultValue: typed(result, "requestInformation", "template"),
            }}
          >
            <option value="">Aucune : j'écris ma demande</option>
            {requests.map((request) => (
              <option key={request.code} value={request.code}>
                {request.label}
              </option>
            ))}
          </Select>
          <Input
            label="Votre message au demandeur"
            hintText="Ajouté à la demande courante choisie, ou seul."
            textArea
            {...errorOf(result, "requestInformation", "body")}
            nativeTextAreaProps={{
              name: "body",
              rows: 3,
              defaultValue: typed(result, "requestInformation", "body"),
            }}
          />
          <Input
            label="Réponse attendue avant le"
            hintText="Un mois par défaut ; sans réponse, la demande pourra être déclarée caduque."
            {...errorOf(result, "requestInformation", "deadline")}
            nativeInputProps={{
              name: "deadline",
              type: "date",
              defaultValue: typed(result, "requestInformation", "deadline", defaultDeadline),
            }}
          />
        </ActionForm>
      ) : null}

      {has("resumeReview") ? (
        <ActionForm
          intent="resumeReview"
          version={version}
          legend="Reprendre l'instruction"
          submit="Reprendre l'instruction sans attendre"
          secondary
        />
      ) : null}

      {has("transfer") ? (
        <details className="fr-mb-4w">
          <summary>Transmettre au bureau compétent (incompétence)</summary>
          <ActionForm
            intent="transfer"
            version={version}
            result={result}
            legend="Transmettre au bureau compétent"
            submit="Transmettre"
            secondary
          >
            <p className="fr-text--sm">Tous les champs sont obligatoires.</p>
            <Select
              label="Tribunal judiciaire compétent"
              {...errorOf(result, "transfer", "courtId")}
              nativeSelectProps={{
                name: "courtId",
                defaultValue: typed(result, "transfer", "courtId"),
              }}
            >
              <option value="">Choisissez un tribunal</option>
              {courts.map((court) => (
                <option key={court.id} value={court.id}>
                  {court.city} ({court.departement})
                </option>
              ))}
            </Select>
            <Input
              label="Motif de l'incompétence"
              textArea
              {...errorOf(result, "transfer", "reason")}
              nativeTextAreaProps={{
                name: "reason",
                rows: 2,
                defaultValue: typed(result, "transfer", "reason"),
              }}
            />
          </ActionForm>
        </details>
      ) : null}

      <ActionForm
        intent="message"
        version={version}
        legend="Écrire au demandeur"
        submit="Envoyer au demandeur"
        secondary
      >
        <Input
          label="Écrire au demandeur"
          hintText="Il est prévenu par courriel et lit le message dans son espace."
          textArea
          {...errorOf(result, "message", "body")}
          nativeTextAreaProps={{
            name: "body",
            rows: 3,
            defaultValue: typed(result, "message", "body"),
          }}
        />
      </ActionForm>
      <ActionForm
        intent="note"
        version={version}
        legend="Ajouter une note interne"
        submit="Ajouter la note"
        secondary
      >
        <Input
          label="Note interne"
          hintText="Visible des seuls agents du bureau."
          textArea
          {...errorOf(result, "note", "body")}
          nativeTextAreaProps={{
            name: "body",
            rows: 2,
            defaultValue: typed(result, "note", "body"),
          }}
        />
      </ActionForm>
    </section>
  );
}
