import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { can } from "~/domain/agent/permissions";
import {
  type ApplicationEvent,
  availableEvents,
  confirmationOf,
} from "~/domain/application/events";
import { INFORMATION_REQUESTS, REJECTION_MOTIFS } from "~/domain/application/motifs";
import { representationSentence, resourcesSource } from "~/domain/application/representation";
import { isDecided } from "~/domain/application/status";
import { type EligibilityResult, OUTCOME_LABELS } from "~/domain/eligibility";
import { dayInFrance, euros, timeInFrance } from "~/domain/french";
import { defineSchema, entryOf } from "~/forms/plain";
import { defaultReplyDeadline } from "~/forms/review";
import {
  historyOf,
  type OpenedApplication,
  openApplication,
} from "~/server/agent/application.server";
import { agentName } from "~/server/agent/context.server";
import { requireAgent } from "~/server/agent/require-agent.server";
import * as review from "~/server/agent/review.server";
import { allCourts } from "~/server/courts.server";
import { prisma } from "~/server/db.server";
import { linkedAnswers } from "~/server/providers/adapter.server";
import { getKnownProviders, getNotifications } from "~/server/services.server";
import { AgentPage } from "~/ui/agent/AgentPage";
import { ApplicationActions } from "~/ui/agent/ApplicationActions";
import { Thread } from "~/ui/agent/Thread";
import { DescriptionList } from "~/ui/DescriptionList";
import { StatusBadge } from "~/ui/StatusBadge";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: pageTitle(loaded ? `Demande ${loaded.application.reference}` : "Demande") },
];

const day = (value: Date) => dayInFrance(value, "long");

/** The latest consultations shown (the journal has them all). */
const CONSULTATIONS_SHOWN = 20;

const idSchema = /* @__PURE__ */ defineSchema(() => z.uuid());

export async function loader({ request, params }: LoaderFunctionArgs) {
  const agent = await requireAgent(request);
  const id = idSchema.safeParse(params.id);
  // A role without « review » (the national reader: figures only) reaches no application, even if
  // linked to a court by mistake: the same 404 as a random id.
  if (!id.success || !can(agent.role, "review")) {
    throw new Response("Demande introuvable", { status: 404 });
  }
  const db = prisma();
  const app = await openApplication(db, agent, id.data);
  // Unknown, or outside the agent's courts: the same 404.
  if (!app) throw new Response("Demande introuvable", { status: 404 });
  const [history, courts] = await Promise.all([
    historyOf(db, app.id, CONSULTATIONS_SHOWN),
    allCourts(db),
  ]);
  const snapshot = app.eligibilitySnapshot as EligibilityResult | null;
  const actions = availableEvents({
    status: app.status,
    actor: { kind: "AGENT", role: agent.role },
    replyDeadline: app.replyDeadline,
  });
  const { citizen } = app;
  // What the providers certified, as the submission kept it (docs/decisions/033).
  const certified = linkedAnswers(getKnownProviders(), app);
  return {
    agent: { id: agent.id, role: agent.role },
    actions,
    courts: courts.filter((court) => court.id !== app.courtId),
    application: {
      id: app.id,
      reference: app.reference,
      status: app.status,
      version: app.version,
      urgent: app.urgent,
      court: app.court?.name ?? "",
      submittedAt: app.submittedAt ? timeInFrance(app.submittedAt) : "",
      assigned: app.assignedAgent ? agentName(app.assignedAgent) : null,
      replyDeadline: app.replyDeadline ? day(app.replyDeadline) : null,
      replyOverdue: app.replyDeadline ? app.replyDeadline.getTime() < Date.now() : false,
      applicantRole: app.applicantRole,
      computed: app.eligibilityOutcome,
      proposal: app.proposedOutcome
        ? {
            outcome: OUTCOME_LABELS[app.proposedOutcome],
            motif: app.proposedMotif
              ? REJECTION_MOTIFS[app.proposedMotif as keyof typeof REJECTION_MOTIFS]
              : null,
            reason: app.proposedReason,
            by: app.proposedBy ? agentName(app.proposedBy) : null,
            at: app.proposedAt ? timeInFrance(app.proposedAt) : null,
          }
        : null,
      decision: isDecided(app.status)
        ? {
            outcome: app.decisionOutcome ? OUTCOME_LABELS[app.decisionOutcome] : "",
            share: app.decisionStateShare,
            motif: app.decisionMotif
              ? REJECTION_MOTIFS[app.decisionMotif as keyof typeof REJECTION_MOTIFS]
              : null,
            reason: app.decisionReason,
            // As they signed, like the letter.
            by: app.decidedByName,
            at: app.decidedAt ? timeInFrance(app.decidedAt) : null,
          }
        : null,
    },
    identity: [
      ["Nom", citizen.familyName],
      ["Prénoms", citizen.givenName],
      ["Date de naissance", citizen.birthdate.split("-").reverse().join("/")],
      ["Sexe", citizen.gender === "female" ? "Féminin" : "Masculin"],
      ["Lieu de naissance (code INSEE)", citizen.birthplace || "Né(e) à l'étranger"],
      ["Pays de naissance (code INSEE)", citizen.birthcountry],
    ] as [string, string][],
    // Applying for someone else: who the application is for, and in what capacity.
    representation: representationSentence({
      representation: app.representation,
      representativeCapacity: app.representativeCapacity,
      beneficiaryGivenName: app.beneficiaryGivenName,
      beneficiaryFamilyName: app.beneficiaryFamilyName,
      representativeName: `${citizen.givenName} ${citizen.familyName}`,
    }),
    beneficiary:
      app.representation && app.representation !== "SELF"
        ? ([
            ["Nom", app.beneficiaryFamilyName ?? ""],
            ["Prénoms", app.beneficiaryGivenName ?? ""],
            [
              "Date de naissance",
              app.beneficiaryBirthdate
                ? app.beneficiaryBirthdate.split("-").reverse().join("/")
                : "",
            ],
            [
              "Ressources appréciées",
              resourcesSource(app) === "DECLARED"
                ? app.representation === "MINOR_CHILD"
                  ? "Celles de l'enfant seul (la procédure l'oppose à ses parents, ou leurs intérêts divergent)"
                  : "Celles de la personne protégée"
                : "Celles du foyer du représentant, dont l'enfant fait partie",
            ],
          ] as [string, string][])
        : null,
    declaredResources:
      resourcesSource(app) === "DECLARED"
        ? ([
            [
              "Revenus de l'année (déclarés, non certifiés)",
              euros(app.declaredReferenceTaxIncome ?? 0),
            ],
            ["Personnes du foyer (déclaré)", String(app.declaredHouseholdSize ?? "")],
          ] as [string, string][])
        : null,
    contact: [
      ["Adresse électronique", app.contactEmail ?? ""],
      ["Téléphone", app.contactPhone ?? ""],
      ["Adresse de correspondance", app.correspondenceAddress ?? ""],
    ] as [string, string][],
    certified: certified.map(({ provider, view }) => ({
      id: provider.id,
      title: view.title,
      badge: view.badge,
      facts: view.facts,
      nothing: view.nothing,
      provenance: [
        ["Source", view.source],
        ...view.provenance,
        ["Transmises le", timeInFrance(view.fetchedAt)],
        ["Identifiant de corrélation", view.correlationId],
      ] as [string, string][],
    })),
    taxNoticeLinked: app.taxRecord !== null,
    recentIncome: app.incomeChanged
      ? recentIncomeView(
          app,
          certified.some((answer) => answer.contribution.recentIncome),
        )
      : null,
    declared: [
      ["Épargne et placements (déclarés)", euros(app.declaredMovableAssets ?? 0)],
      [
        "Biens immobiliers hors résidence principale (déclarés)",
        euros(app.declaredRealEstateAssets ?? 0),
      ],
      ["Victime d'une infraction grave (déclaré)", app.seriousCrimeVictim ? "Oui" : "Non"],
      ["Assurance de protection juridique (déclaré)", app.legalExpensesInsurance ? "Oui" : "Non"],
    ] as [string, string][],
    procedure: [
      ["Nature", app.caseKind === "PENAL" ? "Pénale" : "Civile"],
      ["Affaire", app.caseSubkind ?? ""],
      ["Qualité du demandeur", app.applicantRole ?? ""],
      ["Stade de la procédure", app.procedureStage ?? ""],
      ["Partie adverse", app.adverseParty ?? ""],
      ["Description", app.description ?? ""],
      [
        "Avocat",
        app.lawyerName
          ? `${app.lawyerName}${app.lawyerBar ? `, barreau de ${app.lawyerBar}` : ""}`
          : app.lawyerDesignationRequested
            ? "Désignation demandée au bâtonnier"
            : "Aucun",
      ],
      ["Urgence déclarée", app.urgent ? "Oui" : "Non"],
    ] as [string, string][],
    eligibility: snapshot
      ? {
          outcome: OUTCOME_LABELS[snapshot.outcome],
          scaleYear: snapshot.scaleYear,
          ceilings: [
            ["Plafond de l'aide totale", euros(snapshot.ceilings.full)],
            ["Plafond de l'aide partielle à 55 %", euros(snapshot.ceilings.partial55)],
            ["Plafond de l'aide partielle à 25 %", euros(snapshot.ceilings.partial25)],
            ["Plafond du patrimoine mobilier", euros(snapshot.ceilings.movableAssets)],
            ["Plafond du patrimoine immobilier", euros(snapshot.ceilings.realEstateAssets)],
          ] as [string, string][],
          basis:
            snapshot.resources?.basis === "RECENT_INCOME"
              ? "Revenus des six derniers mois (changement de situation, article 4 du décret n° 2020-1717)"
              : "Revenu fiscal de référence de l'avis d'imposition",
          reasons: snapshot.reasons,
        }
      : null,
    messages: app.messages.map((message) => ({
      id: message.id,
      from:
        message.author === "CITIZEN"
          ? "Le demandeur"
          : message.agent
            ? `${agentName(message.agent)} (BAJ)`
            : "Le BAJ",
      body: message.body,
      at: timeInFrance(message.createdAt),
    })),
    notes: app.notes.map((note) => ({
      id: note.id,
      from: agentName(note.agent),
      body: note.body,
      at: timeInFrance(note.createdAt),
    })),
    history: history.events.map((entry) => ({ ...entry, at: timeInFrance(entry.at) })),
    consultations: history.consultations.map((entry) => ({
      id: entry.id,
      who: entry.who,
      at: timeInFrance(entry.at),
    })),
    defaultDeadline: defaultReplyDeadline().toISOString().slice(0, 10),
    requests: INFORMATION_REQUESTS.map(({ code, label }) => ({ code, label })),
  };
}

export const INTENTS = [
  "startReview",
  "requestInformation",
  "resumeReview",
  "proposeDecision",
  "decide",
  "signDecision",
  "returnToReview",
  "recordLapse",
  "transfer",
  "message",
  "note",
] as const;
export type Intent = (typeof INTENTS)[number];

const DONE: Record<Intent, string> = {
  startReview: "Vous avez pris en charge cette demande.",
  requestInformation:
    "La demande de précision a été envoyée au demandeur, qui est prévenu par courriel.",
  resumeReview: "L'instruction a repris.",
  proposeDecision: "Votre proposition de décision attend la signature du président.",
  decide: "La décision est prise et signée ; le demandeur est prévenu par courriel.",
  signDecision: "La décision est signée ; le demandeur est prévenu par courriel.",
  returnToReview: "La proposition est renvoyée en instruction.",
  recordLapse: "La caducité est constatée ; le demandeur est prévenu par courriel.",
  transfer: "La demande a été transmise au bureau compétent.",
  message: "Votre message a été envoyé au demandeur, prévenu par courriel.",
  note: "La note a été ajoutée.",
};

type Target = Parameters<typeof review.startReview>[1];
type Handler = (
  db: ReturnType<typeof prisma>,
  target: Target,
  form: Record<string, unknown>,
) => Promise<review.ReviewResult | review.SimpleResult>;

/** Each intent's service: every one re-checks the agent, the scope, the role and the state. */
const HANDLERS: Record<Intent, Handler> = {
  startReview: (db, target) => review.startReview(db, target),
  requestInformation: review.requestInformation,
  resumeReview: (db, target) => review.resumeReview(db, target),
  proposeDecision: review.proposeDecision,
  decide: review.decide,
  signDecision: (db, target) => review.signDecision(db, target),
  returnToReview: review.returnToReview,
  recordLapse: (db, target) => review.recordLapse(db, target),
  transfer: review.transfer,
  message: review.sendMessage,
  note: review.addNote,
};

const actionSchema = /* @__PURE__ */ defineSchema(() =>
  z.object({
    intent: z.enum(INTENTS),
    version: z.coerce.number().int().min(1).max(1_000_000),
  }),
);

/** What the agent typed, given back with the errors so that nothing is lost. */
function typedValues(form: Record<string, FormDataEntryValue>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form).filter(([key]) => key !== "version" && key !== "intent"),
  ) as Record<string, string>;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const agent = await requireAgent(request);
  const id = idSchema.safeParse(params.id);
  if (!id.success) throw new Response("Demande introuvable", { status: 404 });
  const form = Object.fromEntries(await request.formData());
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) {
    return data(
      {
        intent: null,
        message: "Formulaire incomplet : rechargez la page et recommencez.",
        errors: {},
        values: {},
      },
      { status: 400 },
    );
  }
  const { intent, version } = parsed.data;
  // An act with legal effect is done only once confirmed (RGAA 11.12); what was typed is kept.
  if (confirmationOf(intent) && form.confirm !== "oui") {
    return data(
      {
        intent,
        message:
          "Confirmez en cochant la case avant de valider : cet acte ne peut pas être annulé.",
        errors: { confirm: "Cochez la case pour confirmer." } as Record<string, string>,
        values: typedValues(form),
      },
      { status: 422 },
    );
  }
  const db = prisma();
  const target = { agentId: agent.id, applicationId: id.data, version };
  const result = await HANDLERS[intent](db, target, form);
  if (result.ok) {
    getNotifications().kick();
    // The agent who transferred it no longer reaches it: back to the queue.
    const to =
      intent === "transfer"
        ? `/bureau?fait=transfer`
        : `/bureau/demandes/${id.data}?fait=${intent}`;
    return redirect(to);
  }
  if (result.problem === "NOT_FOUND") throw new Response("Demande introuvable", { status: 404 });
  const status = result.problem === "INVALID" ? 422 : 409;
  return data(
    {
      intent,
      message: result.message,
      errors: ("errors" in result ? result.errors : {}) as Record<string, string>,
      values: typedValues(form),
    },
    { status },
  );
}

/** The change of situation as the agent reads it: what is certified is listed with the answers. */
function recentIncomeView(app: OpenedApplication, certified: boolean) {
  return {
    certified,
    declared: [
      ["Autres revenus des six derniers mois (déclarés)", euros(app.declaredRecentIncome ?? 0)],
    ] as [string, string][],
  };
}

export default function AgentApplication() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = entryOf(DONE, params.get("fait"));
  const { application } = loaded;
  return (
    <AgentPage
      title={`Demande ${application.reference}`}
      segments={[{ label: "File des demandes", to: "/bureau" }]}
    >
      <p>
        <StatusBadge status={application.status} />{" "}
        {application.urgent ? (
          <Badge as="span" severity="error" small noIcon>
            Urgente
          </Badge>
        ) : null}{" "}
        Déposée le {application.submittedAt} au {application.court}.{" "}
        {application.assigned
          ? `Suivie par ${application.assigned}.`
          : "Personne ne la suit encore."}
        {application.replyDeadline
          ? ` Réponse attendue avant le ${application.replyDeadline}${application.replyOverdue ? " (délai dépassé)" : ""}.`
          : ""}
      </p>
      {done ? <Alert className="fr-mb-3w" severity="success" small description={done} /> : null}
      {result?.message ? (
        <div role="alert" className="fr-mb-3w">
          <Alert
            severity={
              result.intent && Object.keys(result.errors ?? {}).length ? "error" : "warning"
            }
            title={result.message}
            description={
              Object.keys(result.errors ?? {}).length
                ? "Corrigez les champs signalés ci-dessous."
                : "La page montre l'état actuel de la demande."
            }
          />
        </div>
      ) : null}

      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">
          <section aria-labelledby="identite">
            <h2 id="identite" className="fr-h4">
              Identité{" "}
              <Badge as="span" severity="success" small>
                Certifiée par FranceConnect
              </Badge>
            </h2>
            {loaded.representation ? (
              <div className="fr-callout fr-mb-2w">
                <p className="fr-callout__text">{loaded.representation}</p>
              </div>
            ) : null}
            {loaded.representation ? (
              <h3 className="fr-h6">Représentant (certifié par FranceConnect)</h3>
            ) : null}
            <DescriptionList rows={loaded.identity} />
            {loaded.beneficiary ? (
              <>
                <h3 className="fr-h6">Personne concernée (déclarée par le représentant)</h3>
                <DescriptionList rows={loaded.beneficiary} />
              </>
            ) : null}
            <h3 className="fr-h6">Coordonnées (déclarées)</h3>
            <DescriptionList rows={loaded.contact} />
          </section>

          <section aria-labelledby="ressources" className="fr-mt-4w">
            <h2 id="ressources" className="fr-h4">
              Ressources
            </h2>
            {loaded.declaredResources ? (
              <>
                <h3 className="fr-h6">
                  Ressources de la personne concernée{" "}
                  <Badge as="span" severity="warning" small>
                    Déclarées, à vérifier
                  </Badge>
                </h3>
                <DescriptionList rows={loaded.declaredResources} />
              </>
            ) : loaded.taxNoticeLinked ? null : (
              <p>Aucun revenu certifié n'a pu être obtenu de la DGFiP pour ce demandeur.</p>
            )}
            {loaded.certified.map((answer) => (
              <div key={answer.id}>
                <h3 className="fr-h6">
                  {answer.title}{" "}
                  <Badge as="span" severity="success" small>
                    {answer.badge}
                  </Badge>
                </h3>
                {answer.facts ? <DescriptionList rows={answer.facts} /> : <p>{answer.nothing}</p>}
                <details className="fr-mb-2w">
                  <summary>Provenance des données certifiées</summary>
                  <DescriptionList rows={answer.provenance} />
                </details>
              </div>
            ))}
            {loaded.recentIncome ? (
              <>
                <h3 className="fr-h6">
                  Changement de situation déclaré : revenus des six derniers mois
                </h3>
                {loaded.recentIncome.certified ? null : (
                  <p>Aucun revenu des six derniers mois n'a été certifié à la source.</p>
                )}
                <DescriptionList rows={loaded.recentIncome.declared} />
              </>
            ) : null}
            <h3 className="fr-h6">Patrimoine et situation (déclarés par le demandeur)</h3>
            <DescriptionList rows={loaded.declared} />
          </section>

          <section aria-labelledby="eligibilite" className="fr-mt-4w">
            <h2 id="eligibilite" className="fr-h4">
              Éligibilité calculée au dépôt
            </h2>
            {loaded.eligibility ? (
              <>
                <p className="fr-text--lead">{loaded.eligibility.outcome}</p>
                <p>Ressources comparées aux plafonds : {loaded.eligibility.basis}.</p>
                <p>Barème {loaded.eligibility.scaleYear}, pour ce foyer :</p>
                <DescriptionList rows={loaded.eligibility.ceilings} />
                <ul>
                  {loaded.eligibility.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Pas de calcul : aucun revenu certifié au moment du dépôt.</p>
            )}
          </section>

          <section aria-labelledby="procedure" className="fr-mt-4w">
            <h2 id="procedure" className="fr-h4">
              Procédure (déclarée)
            </h2>
            <DescriptionList rows={loaded.procedure} />
          </section>
        </div>

        <div className="fr-col-12 fr-col-lg-5">
          <ApplicationActions
            application={application}
            actions={loaded.actions as ApplicationEvent[]}
            courts={loaded.courts}
            requests={loaded.requests}
            defaultDeadline={loaded.defaultDeadline}
            result={result ?? null}
          />

          <Thread
            id="messages"
            title="Messages avec le demandeur"
            empty="Aucun message."
            entries={loaded.messages}
          />
          <Thread
            id="notes"
            title="Notes internes (jamais montrées au demandeur)"
            empty="Aucune note."
            entries={loaded.notes}
          />

          <section aria-labelledby="historique" className="fr-mt-4w">
            <h2 id="historique" className="fr-h4">
              Historique
            </h2>
            <ol>
              {loaded.history.map((entry) => (
                <li key={entry.id}>
                  {entry.at} — {entry.label}, par {entry.who}
                  {entry.detail ? ` (${entry.detail})` : ""}
                </li>
              ))}
            </ol>
            <details>
              <summary>Consultations ({loaded.consultations.length} dernières)</summary>
              <ul>
                {loaded.consultations.map((entry) => (
                  <li key={entry.id}>
                    {entry.at} — {entry.who}
                  </li>
                ))}
              </ul>
            </details>
          </section>
        </div>
      </div>
    </AgentPage>
  );
}
