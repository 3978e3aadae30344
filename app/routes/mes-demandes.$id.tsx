import { Alert, type AlertProps } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type ApplicationEvent, checkEvent, citizenLabelOf } from "~/domain/application/events";
import { citizenStatus, isDecided, isFinal } from "~/domain/application/status";
import { timeInFrance } from "~/domain/french";
import { replySchema } from "~/forms/application";
import {
  citizenTimeline,
  findOwnApplication,
  isOwnSubmitted,
  reply,
  withdraw,
} from "~/server/applications.server";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { prisma } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { feedbackOf } from "~/server/feedback.server";
import { decisionSentence } from "~/server/mail.server";
import { ContentPage } from "~/ui/ContentPage";
import { DescriptionList } from "~/ui/DescriptionList";
import { FeedbackButton } from "~/ui/FeedbackButton";
import { StatusBadge } from "~/ui/StatusBadge";
import { pageTitle } from "~/ui/site";
import { Term } from "~/ui/Term";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: pageTitle(loaded ? `Demande ${loaded.application.reference}` : "Demande") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const db = prisma();
  const app = await findOwnApplication(db, citizen.id, String(params.id));
  // Someone else's application, or none: the same 404.
  if (!app) throw new Response("Demande introuvable", { status: 404 });
  if (app.status === "DRAFT") throw redirect("/demande");
  const events = await citizenTimeline(db, app.id);
  const snapshot = app.eligibilitySnapshot as { reasons?: string[] } | null;
  return {
    application: {
      id: app.id,
      reference: app.reference,
      status: citizenStatus(app.status),
      court: app.court?.name ?? null,
      baj: app.court?.bajName ?? null,
      caseSubkind: app.caseSubkind,
      submittedAt: app.submittedAt ? timeInFrance(app.submittedAt) : null,
      eligibilityReasons: snapshot?.reasons ?? [],
      decisionReason: app.decisionReason,
      decision: isDecided(app.status) ? decisionSentence(app.status, app.decisionOutcome) : null,
      decidedAt: app.decidedAt ? timeInFrance(app.decidedAt) : null,
      replyDeadline:
        app.status === "INFORMATION_REQUESTED" && app.replyDeadline
          ? timeInFrance(app.replyDeadline)
          : null,
    },
    timeline: events.map((event) => ({
      label: citizenLabelOf(event.action as ApplicationEvent),
      at: timeInFrance(event.occurredAt),
    })),
    feedback: feedbackOf(getEnv()),
    messages: app.messages.map((message) => ({
      id: message.id,
      fromBaj: message.author === "AGENT",
      body: message.body,
      at: timeInFrance(message.createdAt),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const citizen = await requireCitizen(request);
  const applicationId = String(params.id);
  // Someone else's application, a draft, or none: the same 404 as the page, whatever the form.
  if (!(await isOwnSubmitted(prisma(), citizen.id, applicationId))) {
    throw new Response("Demande introuvable", { status: 404 });
  }
  const form = await request.formData();
  if (form.get("intent") === "withdraw") {
    if (form.get("confirm") !== "oui") {
      return {
        intent: "withdraw",
        error: "Cochez la case pour confirmer que vous retirez votre demande.",
        body: "",
      };
    }
    const result = await withdraw(prisma(), { citizenId: citizen.id, applicationId });
    if (!result.ok) return { intent: "withdraw", error: result.message, body: "" };
    return redirect(`/mes-demandes/${applicationId}?desistement=ok`);
  }
  const parsed = replySchema.safeParse({ body: form.get("body") });
  const body = String(form.get("body") ?? "");
  if (!parsed.success)
    return { intent: "reply", error: parsed.error.issues[0]?.message ?? "", body };
  const result = await reply(prisma(), {
    citizenId: citizen.id,
    applicationId,
    body: parsed.data.body,
  });
  if (!result.ok) return { intent: "reply", error: result.message, body };
  return redirect(`/mes-demandes/${applicationId}?message=ok#messages`);
}

/** What the page confirms after a redirect (`?depot=ok`, `?message=ok`, `?desistement=ok`). */
function noticeAfter(
  params: URLSearchParams,
  application: { reference: string | null; submittedAt: string | null; baj: string | null },
): AlertProps | null {
  if (params.get("depot") === "ok")
    return {
      severity: "success",
      title: "Votre demande a été déposée",
      description: `Récépissé de dépôt : référence ${application.reference}, déposée le ${application.submittedAt}. Le ${application.baj ?? "bureau d'aide juridictionnelle"} va l'examiner ; vous suivrez son avancement ici. Conservez cette référence.`,
    };
  if (params.get("message") === "ok")
    return {
      severity: "success",
      small: true,
      description: "Votre message a été envoyé au bureau d'aide juridictionnelle.",
    };
  if (params.get("desistement") === "ok")
    return {
      severity: "info",
      title: "Votre demande est retirée",
      description:
        "Le bureau d'aide juridictionnelle est prévenu. Il n'examinera plus votre demande.",
    };
  return null;
}

export default function MyApplication() {
  const { application, timeline, messages, feedback } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const canWithdraw = checkEvent("withdraw", {
    status: application.status,
    actor: { kind: "CITIZEN" },
  }).ok;
  const [searchParams] = useSearchParams();
  const notice = noticeAfter(searchParams, application);
  const justSubmitted = searchParams.get("depot") === "ok";
  return (
    <ContentPage title={`Demande ${application.reference}`}>
      {notice ? (
        <div className="fr-mb-4w" role="status">
          <Alert as="h2" {...notice} />
        </div>
      ) : null}
      {justSubmitted ? (
        <FeedbackButton
          feedback={feedback}
          question="Comment s'est passé le dépôt de votre demande ?"
        />
      ) : null}
      <p>
        <StatusBadge status={application.status} citizen />
      </p>
      <p>
        <a
          className="fr-link fr-icon-download-line fr-link--icon-left"
          href={`/mes-demandes/${application.id}/recepisse`}
          download
        >
          Télécharger le récépissé de dépôt (PDF)
        </a>
        <br />
        <Link className="fr-link" to={`/mes-demandes/${application.id}/document/recepisse`}>
          Lire le récépissé en ligne
        </Link>
      </p>
      <DescriptionList
        rows={[
          ["Référence", application.reference ?? ""],
          ["Déposée le", application.submittedAt ?? ""],
          ["Affaire", application.caseSubkind ?? ""],
          ["Tribunal", application.court ?? ""],
          ["Bureau d'aide juridictionnelle", application.baj ?? ""],
        ]}
      />
      <section aria-labelledby="suivi" className="fr-mt-4w">
        <h2 id="suivi" className="fr-h4">
          Suivi
        </h2>
        <ol>
          {timeline.map((step) => (
            <li key={`${step.label}-${step.at}`}>
              {step.label} — {step.at}
            </li>
          ))}
        </ol>
        {application.decidedAt ? (
          <>
            <p>
              Décision du {application.decidedAt} : {application.decision}.
              {application.decisionReason ? ` Motif : ${application.decisionReason}` : null}
            </p>
            <p>
              <a
                className="fr-link fr-icon-download-line fr-link--icon-left"
                href={`/mes-demandes/${application.id}/decision`}
                download
              >
                Télécharger la décision (PDF)
              </a>
              <br />
              <Link className="fr-link" to={`/mes-demandes/${application.id}/document/decision`}>
                Lire la décision en ligne
              </Link>
            </p>
            <p>
              Vous n'êtes pas d'accord avec cette décision ? Vous pouvez la contester dans les 15
              jours : <Link to="/aide#contester">comment faire</Link>.
            </p>
          </>
        ) : null}
      </section>
      {application.decidedAt && !justSubmitted ? (
        <FeedbackButton
          feedback={feedback}
          question="Comment s'est passée votre démarche, du dépôt à la décision ?"
        />
      ) : null}
      {application.eligibilityReasons.length ? (
        <section aria-labelledby="estimation" className="fr-mt-4w">
          <h2 id="estimation" className="fr-h4">
            Estimation au dépôt
          </h2>
          <ul>
            {application.eligibilityReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="messages" className="fr-mt-4w">
        <h2 id="messages" className="fr-h4">
          Messages du bureau d'aide juridictionnelle
        </h2>
        {application.replyDeadline ? (
          <p className="fr-callout">
            Le bureau attend votre réponse au plus tard le {application.replyDeadline}. Sans
            réponse, votre demande s'arrêtera (elle deviendra <Term id="caducite">caduque</Term>) ;
            vous pourrez en déposer une nouvelle.
          </p>
        ) : null}
        {application.status === "LAPSED" ? (
          <p className="fr-callout">
            Votre demande est arrêtée (<Term id="caducite">caduque</Term>) : votre réponse n'est pas
            arrivée avant la date limite. Vous pouvez déposer une nouvelle demande à tout moment.
          </p>
        ) : null}
        {messages.length === 0 ? (
          <p>Aucun message pour le moment.</p>
        ) : (
          <ul>
            {messages.map((message) => (
              <li key={message.id}>
                <strong>{message.fromBaj ? "Bureau d'aide juridictionnelle" : "Vous"}</strong>, le{" "}
                {message.at} : {message.body}
              </li>
            ))}
          </ul>
        )}
        {isFinal(application.status) ? null : (
          <Form method="post" className="fr-mt-3w" noValidate>
            <input type="hidden" name="intent" value="reply" />
            <Input
              label="Écrire au bureau d'aide juridictionnelle"
              hintText="Pour répondre à une demande de précision ou signaler un changement."
              textArea
              {...(result?.intent === "reply" && result.error
                ? { state: "error" as const, stateRelatedMessage: result.error }
                : {})}
              nativeTextAreaProps={{
                id: "body",
                name: "body",
                rows: 4,
                defaultValue: result?.intent === "reply" ? result.body : "",
              }}
            />
            <Button type="submit" priority="secondary">
              Envoyer le message
            </Button>
          </Form>
        )}
      </section>
      {canWithdraw ? (
        <section aria-labelledby="desistement" className="fr-mt-6w">
          <h2 id="desistement" className="fr-h4">
            Retirer ma demande
          </h2>
          <p>
            Si vous n'avez plus besoin de l'aide juridictionnelle, vous pouvez retirer votre
            demande. C'est définitif.
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="withdraw" />
            <Checkbox
              id="confirm"
              {...(result?.intent === "withdraw" && result.error
                ? { state: "error" as const, stateRelatedMessage: result.error }
                : {})}
              options={[
                {
                  label: "Je confirme retirer ma demande d'aide juridictionnelle.",
                  nativeInputProps: { name: "confirm", value: "oui" },
                },
              ]}
            />
            <Button type="submit" priority="tertiary">
              Retirer ma demande
            </Button>
          </Form>
        </section>
      ) : null}
      <Link
        className="fr-link fr-icon-arrow-left-line fr-link--icon-left fr-mt-4w"
        to="/mes-demandes"
      >
        Toutes mes demandes
      </Link>
    </ContentPage>
  );
}
