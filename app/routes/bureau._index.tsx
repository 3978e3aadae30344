import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { can } from "~/domain/agent/permissions";
import { STATUS_LABELS } from "~/domain/application/status";
import { OUTCOME_LABELS, OUTCOMES } from "~/domain/eligibility";
import { dayInFrance } from "~/domain/french";
import { PAGE_SIZE, parseQueueQuery, TABS, type Tab } from "~/forms/queue";
import { courtsOf, nationalCounts } from "~/server/agent/courts.server";
import { queueCounts, queuePage } from "~/server/agent/queue.server";
import { requireAgent } from "~/server/agent/require-agent.server";
import { prisma } from "~/server/db.server";
import { countOverdue, overdueApplications } from "~/server/deadlines.server";
import { AgentPage } from "~/ui/agent/AgentPage";
import { ScrollableTable } from "~/ui/ScrollableTable";
import { StatusBadge } from "~/ui/StatusBadge";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  // The national reader's page is the « Vue nationale », not a queue.
  { title: pageTitle(loaded?.kind === "national" ? "Vue nationale" : "File des demandes") },
];

const day = (value: Date) => dayInFrance(value, "medium");

export async function loader({ request }: LoaderFunctionArgs) {
  const agent = await requireAgent(request);
  const db = prisma();
  if (!can(agent.role, "review")) {
    // The national reader: figures only, no personal data.
    return { kind: "national" as const, counts: await nationalCounts(db) };
  }
  const url = new URL(request.url);
  const query = parseQueueQuery(url.searchParams);
  // Signers see, in « À signer », the requests for information past their deadline: lapses to record.
  const lapses = query.onglet === "a-signer" && can(agent.role, "sign");
  const [courts, counts, page, overdue] = await Promise.all([
    courtsOf(db, agent),
    queueCounts(db, agent, query),
    queuePage(db, agent, query),
    lapses ? overdueApplications(db, agent) : [],
  ]);
  const overdueCount = overdue.length === 50 ? await countOverdue(db, agent) : overdue.length;
  const now = Date.now();
  // Batch actions: the président signs from « À signer », an instructeur takes from « À traiter ».
  const batchKind =
    query.onglet === "a-signer" && can(agent.role, "sign")
      ? ("SIGN" as const)
      : query.onglet === "a-traiter" && can(agent.role, "instruct")
        ? ("TAKE" as const)
        : null;
  return {
    kind: "queue" as const,
    batchKind,
    overdueCount,
    overdue: overdue.map((app) => ({
      id: app.id,
      reference: app.reference,
      name: `${app.citizen.familyName.toUpperCase()} ${app.citizen.givenName}`,
      deadline: app.replyDeadline ? day(app.replyDeadline) : "",
    })),
    query,
    courts: courts.map((court) => ({ id: court.id, city: court.city })),
    counts,
    reference: page.reference,
    next: page.next,
    rows: page.rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      version: row.version,
      urgent: row.urgent,
      name: `${row.familyName.toUpperCase()} ${row.givenName}`,
      submittedAt: day(row.submittedAt),
      replyDeadline: row.replyDeadline ? day(row.replyDeadline) : null,
      overdue: row.replyDeadline ? row.replyDeadline.getTime() < now : false,
      caseSubkind: row.caseSubkind,
      outcome: row.eligibilityOutcome ? OUTCOME_LABELS[row.eligibilityOutcome] : "Non calculée",
      proposed: row.proposedOutcome ? OUTCOME_LABELS[row.proposedOutcome] : null,
      court: row.courtCity,
      assignedName: row.assignedName,
      mine: row.assignedAgentId === agent.id,
    })),
  };
}

/** The current URL's parameters with some changed (undefined removes one). */
function withParams(
  query: Record<string, string | undefined>,
  changes: Record<string, string | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value !== undefined && value !== "") params.set(key, value);
  }
  const text = params.toString();
  return text ? `/bureau?${text}` : "/bureau";
}

export default function Queue() {
  const loaded = useLoaderData<typeof loader>();
  if (loaded.kind === "national") return <NationalOverview counts={loaded.counts} />;
  const { query, courts, counts, rows, next, reference, overdue, overdueCount, batchKind } = loaded;
  const selectable = batchKind !== null && !reference;
  const current = { ...query, apres: undefined, lot: undefined } as Record<
    string,
    string | undefined
  >;
  const tabs = Object.keys(TABS) as Tab[];
  const multiCourt = courts.length > 1;
  const filtered = Boolean(
    query.resultat ||
      query.urgent ||
      query.nature ||
      query.du ||
      query.au ||
      query.q ||
      query.statut,
  );
  return (
    <AgentPage title={`File des demandes — ${courts.map((c) => c.city).join(", ")}`}>
      <nav aria-label="Onglets de la file">
        <ul className="fr-tags-group">
          {tabs.map((tab) => (
            <li key={tab}>
              <Link
                className="fr-tag"
                to={withParams(current, { onglet: tab, statut: undefined })}
                aria-current={query.onglet === tab ? "page" : undefined}
                style={
                  query.onglet === tab
                    ? { fontWeight: 700, boxShadow: "inset 0 0 0 2px" }
                    : undefined
                }
              >
                {TABS[tab].label} ({counts[tab].toLocaleString("fr-FR")})
              </Link>
            </li>
          ))}
          <li>
            <Link
              className="fr-tag"
              to={withParams(current, { suivies: query.suivies ? undefined : "1" })}
              aria-current={query.suivies ? "true" : undefined}
              style={query.suivies ? { fontWeight: 700, boxShadow: "inset 0 0 0 2px" } : undefined}
            >
              {query.suivies ? "✓ " : ""}Suivies par moi ({counts.mine.toLocaleString("fr-FR")})
            </Link>
          </li>
        </ul>
      </nav>

      {query.lot ? (
        <div role="alert" className="fr-mb-3w">
          <Alert
            severity="warning"
            small
            description={
              query.lot === "non-confirme"
                ? "Cochez la case de confirmation avant de signer les décisions sélectionnées."
                : "Cochez au moins une demande avant de valider l'action groupée."
            }
          />
        </div>
      ) : null}
      {overdue.length ? (
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title fr-h5">
            Délai de réponse dépassé : caducité à constater ({overdueCount.toLocaleString("fr-FR")})
          </h2>
          <p className="fr-callout__text fr-text--sm">
            Ces demandeurs n'ont pas répondu à la demande de précision dans le délai. Ouvrez la
            demande pour constater la caducité (ou reprendre l'instruction si la réponse est arrivée
            autrement).
          </p>
          {overdueCount > overdue.length ? (
            <p className="fr-text--sm">Les {overdue.length} plus anciennes :</p>
          ) : null}
          <ul>
            {overdue.map((app) => (
              <li key={app.id}>
                <Link to={`/bureau/demandes/${app.id}`}>{app.reference}</Link> — {app.name}, réponse
                attendue avant le {app.deadline}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <Form method="get" className="fr-mb-4w" aria-label="Filtrer la file">
        <input type="hidden" name="onglet" value={query.onglet} />
        {query.suivies ? <input type="hidden" name="suivies" value="1" /> : null}
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="Rechercher"
              hintText="Référence exacte (AJ-2026-000123) ou début du nom du demandeur"
              nativeInputProps={{ name: "q", defaultValue: query.q ?? "", type: "search" }}
            />
          </div>
          <div className="fr-col-12 fr-col-sm-6 fr-col-md-2">
            <Select
              label="Estimation"
              nativeSelectProps={{ name: "resultat", defaultValue: query.resultat ?? "" }}
            >
              <option value="">Toutes</option>
              {OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {OUTCOME_LABELS[outcome]}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-sm-6 fr-col-md-2">
            <Select
              label="Nature"
              nativeSelectProps={{ name: "nature", defaultValue: query.nature ?? "" }}
            >
              <option value="">Toutes</option>
              <option value="CIVIL">Civile</option>
              <option value="PENAL">Pénale</option>
            </Select>
          </div>
          <div className="fr-col-6 fr-col-md-2">
            <Input
              label="Déposée du"
              nativeInputProps={{ name: "du", type: "date", defaultValue: query.du ?? "" }}
            />
          </div>
          <div className="fr-col-6 fr-col-md-2">
            <Input
              label="Déposée au"
              nativeInputProps={{ name: "au", type: "date", defaultValue: query.au ?? "" }}
            />
          </div>
          {multiCourt ? (
            <div className="fr-col-12 fr-col-sm-6 fr-col-md-3">
              <Select
                label="Tribunal"
                nativeSelectProps={{ name: "tribunal", defaultValue: query.tribunal ?? "" }}
              >
                <option value="">Tous mes tribunaux</option>
                {courts.map((court) => (
                  <option key={court.id} value={court.id}>
                    {court.city}
                  </option>
                ))}
              </Select>
            </div>
          ) : null}
          {TABS[query.onglet].statuses.length > 1 ? (
            <div className="fr-col-12 fr-col-sm-6 fr-col-md-3">
              <Select
                label="Statut"
                nativeSelectProps={{ name: "statut", defaultValue: query.statut ?? "" }}
              >
                <option value="">Tous</option>
                {TABS[query.onglet].statuses.map((status) => (
                  <option key={status} value={status}>
                    {STATUS_LABELS[status]}
                  </option>
                ))}
              </Select>
            </div>
          ) : null}
          {query.onglet === "en-attente" ? null : (
            <div className="fr-col-12 fr-col-sm-6 fr-col-md-3">
              <Select label="Ordre" nativeSelectProps={{ name: "tri", defaultValue: query.tri }}>
                <option value="ancien">Urgentes d'abord, puis les plus anciennes</option>
                <option value="recent">Urgentes d'abord, puis les plus récentes</option>
              </Select>
            </div>
          )}
          <div className="fr-col-12 fr-col-md-3">
            <div className="fr-checkbox-group fr-mt-md-4w">
              <input
                type="checkbox"
                id="filtre-urgent"
                name="urgent"
                value="1"
                defaultChecked={Boolean(query.urgent)}
              />
              <label className="fr-label" htmlFor="filtre-urgent">
                Urgentes seulement
              </label>
            </div>
          </div>
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mt-2w">
          <li>
            <Button type="submit">Filtrer</Button>
          </li>
          <li>
            <Link
              className="fr-btn fr-btn--secondary"
              to={withParams({}, { onglet: query.onglet, suivies: query.suivies })}
            >
              Effacer les filtres
            </Link>
          </li>
          <li>
            {/* A plain link: the browser downloads the stream and shows its progress. */}
            <a
              className="fr-btn fr-btn--tertiary fr-icon-download-line fr-btn--icon-left"
              href={withParams(query, { apres: undefined }).replace(
                "/bureau",
                "/bureau/export.csv",
              )}
              download
            >
              Exporter cet onglet avec ces filtres (CSV)
            </a>
          </li>
        </ul>
      </Form>

      {rows.length === 0 ? (
        <div className="fr-callout">
          <p className="fr-callout__text">
            {reference
              ? `Aucune demande de vos tribunaux ne porte la référence ${query.q}.`
              : filtered
                ? "Aucune demande ne correspond à ces filtres dans cet onglet."
                : query.suivies
                  ? "Vous ne suivez aucune demande dans cet onglet. « Prendre en charge » une demande vous la fait suivre."
                  : `Aucune demande dans l'onglet « ${TABS[query.onglet].label} ».`}
          </p>
        </div>
      ) : (
        <Form method="post" action="/bureau/lots" aria-label="Sélection de demandes">
          {selectable ? <input type="hidden" name="type" value={batchKind ?? ""} /> : null}
          <div className="fr-table fr-table--no-caption" id="file">
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table>
                    <caption>
                      {reference
                        ? "Résultat de la recherche par référence"
                        : TABS[query.onglet].label}
                    </caption>
                    <thead>
                      <tr>
                        {selectable ? (
                          <th scope="col">
                            <span className="fr-sr-only">Sélection</span>
                          </th>
                        ) : null}
                        <th scope="col">Référence</th>
                        <th scope="col">Demandeur</th>
                        <th scope="col">Déposée le</th>
                        <th scope="col">Affaire</th>
                        <th scope="col">Estimation</th>
                        <th scope="col">Statut</th>
                        {query.onglet === "en-attente" ? (
                          <th scope="col">Réponse attendue avant</th>
                        ) : null}
                        <th scope="col">Suivie par</th>
                        {multiCourt ? <th scope="col">Tribunal</th> : null}
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((row) => (
                        <tr key={row.id}>
                          {selectable ? (
                            <td>
                              {/* A native checkbox (the DSFR's draws its box on a visible label). */}
                              <input
                                type="checkbox"
                                name="demande"
                                value={`${row.id}:${row.version}`}
                                aria-label={`Sélectionner ${row.reference}`}
                                style={{ width: "1.25rem", height: "1.25rem", cursor: "pointer" }}
                              />
                            </td>
                          ) : null}
                          <td>
                            <Link to={`/bureau/demandes/${row.id}`}>{row.reference}</Link>
                            {row.urgent ? (
                              <>
                                {" "}
                                <span className="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon">
                                  Urgente
                                </span>
                              </>
                            ) : null}
                          </td>
                          <td>{row.name}</td>
                          <td>{row.submittedAt}</td>
                          <td>{row.caseSubkind}</td>
                          <td>
                            {row.outcome}
                            {row.proposed ? (
                              <>
                                <br />
                                <span className="fr-text--sm">Proposée : {row.proposed}</span>
                              </>
                            ) : null}
                          </td>
                          <td>
                            <StatusBadge status={row.status} />
                          </td>
                          {query.onglet === "en-attente" ? (
                            <td>
                              {row.replyDeadline}
                              {row.overdue ? (
                                <>
                                  {" "}
                                  <span className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">
                                    Dépassée
                                  </span>
                                </>
                              ) : null}
                            </td>
                          ) : null}
                          <td>{row.mine ? "Moi" : (row.assignedName ?? "—")}</td>
                          {multiCourt ? <td>{row.court}</td> : null}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
          {selectable && batchKind === "SIGN" ? (
            <Checkbox
              id="batch-confirm"
              options={[
                {
                  label:
                    "Je confirme signer les décisions sélectionnées : chacune sera notifiée à son demandeur.",
                  nativeInputProps: { name: "confirme", value: "oui", required: true },
                },
              ]}
            />
          ) : null}
          {selectable ? (
            <ul className="fr-btns-group fr-btns-group--inline-sm">
              <li>
                <Button type="submit">
                  {batchKind === "SIGN"
                    ? "Signer les décisions sélectionnées"
                    : "Prendre en charge la sélection"}
                </Button>
              </li>
              <li>
                <Link
                  className="fr-btn fr-btn--secondary"
                  to={`/bureau/lots?${new URLSearchParams({
                    ...Object.fromEntries(
                      Object.entries(current).filter(
                        ([, value]) => value !== undefined && value !== "",
                      ),
                    ),
                    type: batchKind ?? "",
                  })}`}
                >
                  {batchKind === "SIGN" ? "Signer" : "Prendre en charge"} toutes celles qui
                  correspondent aux filtres…
                </Link>
              </li>
            </ul>
          ) : null}
        </Form>
      )}
      <nav aria-label="Pages de la file" className="fr-mt-2w">
        <ul className="fr-btns-group fr-btns-group--inline-sm">
          {query.apres ? (
            <li>
              <Link className="fr-btn fr-btn--secondary" to={withParams(current, {})}>
                Retour au début
              </Link>
            </li>
          ) : null}
          {next ? (
            <li>
              <Link className="fr-btn fr-btn--secondary" to={withParams(current, { apres: next })}>
                {PAGE_SIZE} demandes suivantes
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
    </AgentPage>
  );
}

function NationalOverview({ counts }: { counts: { status: string; count: number }[] }) {
  const total = counts.reduce((sum, row) => sum + row.count, 0);
  return (
    <AgentPage title="Vue nationale">
      <p className="fr-text--lead">
        Votre rôle de lecteur national donne accès aux chiffres de tous les bureaux, sans aucune
        donnée personnelle : les demandes elles-mêmes ne vous sont pas accessibles.
      </p>
      <h2 className="fr-h4">Demandes déposées, par statut, tous tribunaux</h2>
      <ScrollableTable
        label="Demandes déposées, par statut, tous tribunaux"
        className="fr-table--bordered fr-table--no-caption"
      >
        <table>
          <caption>Demandes déposées, par statut, tous tribunaux</caption>
          <thead>
            <tr>
              <th scope="col">Statut</th>
              <th scope="col">Demandes</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((row) => (
              <tr key={row.status}>
                <td>{STATUS_LABELS[row.status as keyof typeof STATUS_LABELS]}</td>
                <td>{row.count.toLocaleString("fr-FR")}</td>
              </tr>
            ))}
            <tr>
              <td>Total</td>
              <td>{total.toLocaleString("fr-FR")}</td>
            </tr>
          </tbody>
        </table>
      </ScrollableTable>
    </AgentPage>
  );
}
