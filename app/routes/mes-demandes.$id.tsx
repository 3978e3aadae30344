import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { type ApplicationStatus, STATUS_LABELS } from "~/domain/application/status";
import { findOwnApplication } from "~/server/applications.server";
import { requireCitizen } from "~/server/auth.server";
import { prisma } from "~/server/db.server";
import { ContentPage } from "~/ui/ContentPage";
import { StatusBadge } from "~/ui/StatusBadge";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: pageTitle(loaded ? `Demande ${loaded.application.reference}` : "Demande") },
];

const date = (value: Date) =>
  value.toLocaleString("fr-FR", {
    timeZone: "Europe/Paris",
    dateStyle: "long",
    timeStyle: "short",
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const db = prisma();
  const app = await findOwnApplication(db, citizen.id, String(params.id));
  // Someone else's application, or none: the same 404.
  if (!app) throw new Response("Demande introuvable", { status: 404 });
  if (app.status === "DRAFT") throw redirect("/demande");
  const events = await db.auditEvent.findMany({
    where: { applicationId: app.id, action: "application.status_changed" },
    orderBy: { sequence: "asc" },
  });
  const snapshot = app.eligibilitySnapshot as { reasons?: string[] } | null;
  return {
    application: {
      reference: app.reference,
      status: app.status,
      court: app.court?.name ?? null,
      baj: app.court?.bajName ?? null,
      caseSubkind: app.caseSubkind,
      submittedAt: app.submittedAt ? date(app.submittedAt) : null,
      eligibilityReasons: snapshot?.reasons ?? [],
      decisionReason: app.decisionReason,
      decidedAt: app.decidedAt ? date(app.decidedAt) : null,
    },
    timeline: events.map((event) => ({
      to: (event.data as { to: ApplicationStatus }).to,
      at: date(event.occurredAt),
    })),
    messages: app.messages.map((message) => ({
      id: message.id,
      fromBaj: message.author === "AGENT",
      body: message.body,
      at: date(message.createdAt),
    })),
  };
}

export default function MyApplication() {
  const { application, timeline, messages } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <ContentPage title={`Demande ${application.reference}`}>
      {searchParams.get("depot") === "ok" ? (
        <div className="fr-mb-4w" role="status">
          <Alert
            as="h2"
            severity="success"
            title="Votre demande a été déposée"
            description={`Récépissé de dépôt : référence ${application.reference}, déposée le ${application.submittedAt}. Le ${application.baj ?? "bureau d'aide juridictionnelle"} va l'examiner ; vous suivrez son avancement ici. Conservez cette référence.`}
          />
        </div>
      ) : null}
      <p>
        <StatusBadge status={application.status} />
      </p>
      <dl>
        {[
          ["Référence", application.reference ?? ""],
          ["Déposée le", application.submittedAt ?? ""],
          ["Affaire", application.caseSubkind ?? ""],
          ["Tribunal", application.court ?? ""],
          ["Bureau d'aide juridictionnelle", application.baj ?? ""],
        ].map(([label, value]) => (
          <div key={label} className="fr-mb-1w">
            <dt className="fr-text--bold fr-mb-0">{label}</dt>
            <dd className="fr-ml-0">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="suivi" className="fr-mt-4w">
        <h2 id="suivi" className="fr-h4">
          Suivi
        </h2>
        <ol>
          {timeline.map((step) => (
            <li key={`${step.to}-${step.at}`}>
              {STATUS_LABELS[step.to]} — {step.at}
            </li>
          ))}
        </ol>
        {application.decisionReason ? (
          <p>
            Décision du {application.decidedAt} : {application.decisionReason}
          </p>
        ) : null}
      </section>
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
      </section>
      <Link
        className="fr-link fr-icon-arrow-left-line fr-link--icon-left fr-mt-4w"
        to="/mes-demandes"
      >
        Toutes mes demandes
      </Link>
    </ContentPage>
  );
}
