import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { citizenStatus } from "~/domain/application/status";
import { dayInFrance } from "~/domain/french";
import { listOwnApplications } from "~/server/applications.server";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { prisma } from "~/server/db.server";
import { ContentPage } from "~/ui/ContentPage";
import { StatusBadge } from "~/ui/StatusBadge";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Mes demandes") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const applications = await listOwnApplications(prisma(), citizen.id);
  return {
    applications: applications.map((app) => ({
      id: app.id,
      reference: app.reference,
      status: citizenStatus(app.status),
      court: app.courtName,
      caseSubkind: app.caseSubkind,
      date: dayInFrance(app.submittedAt ?? app.updatedAt),
    })),
  };
}

export default function MyApplications() {
  const { applications } = useLoaderData<typeof loader>();
  const hasDraft = applications.some((app) => app.status === "DRAFT");
  return (
    <ContentPage title="Mes demandes">
      {applications.length === 0 ? (
        <p>Vous n'avez encore aucune demande d'aide juridictionnelle.</p>
      ) : (
        <ul className="fr-raw-list">
          {applications.map((app) => (
            <li key={app.id} className="fr-card fr-card--horizontal fr-mb-3w">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h2 className="fr-card__title fr-h5">
                    <Link to={app.status === "DRAFT" ? "/demande" : `/mes-demandes/${app.id}`}>
                      {app.reference ?? "Demande en cours de saisie"}
                    </Link>
                  </h2>
                  <p className="fr-card__desc">
                    {[app.caseSubkind, app.court].filter(Boolean).join(" — ") ||
                      "Affaire à préciser"}
                  </p>
                  <div className="fr-card__start">
                    <StatusBadge status={app.status} citizen />
                  </div>
                  <p className="fr-card__detail">
                    {app.status === "DRAFT" ? `Modifiée le ${app.date}` : `Déposée le ${app.date}`}
                  </p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Link className="fr-btn fr-mt-2w" to="/demande">
        {hasDraft ? "Reprendre ma demande" : "Faire une demande"}
      </Link>
    </ContentPage>
  );
}
