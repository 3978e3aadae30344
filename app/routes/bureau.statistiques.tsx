import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { frenchDate } from "~/domain/french";
import { REFERENCE_DELAY_DAYS } from "~/domain/statistics";
import { requireAgent } from "~/server/agent/require-agent.server";
import { statisticsForAgent } from "~/server/agent/statistics.server";
import {
  type StatTable,
  statisticsTables,
  type TableCell,
} from "~/server/agent/statistics-tables.server";
import { prisma } from "~/server/db.server";
import { AgentPage } from "~/ui/agent/AgentPage";
import { type Bar, BarChart } from "~/ui/charts/BarChart";
import { ScrollableTable } from "~/ui/ScrollableTable";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Statistiques") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const agent = await requireAgent(request);
  const url = new URL(request.url);
  const found = await statisticsForAgent(prisma(), agent, url.searchParams);
  if (!found) throw new Response("Accès refusé", { status: 403 });
  const { statistics, courts, national } = found;
  const { total } = statistics;
  return {
    national,
    query: statistics.query,
    courts,
    total: {
      deposits: total.deposits,
      decisions: total.decisions,
      medianDays: total.medianDays,
      p90Days: total.p90Days,
      withinReference: total.withinReference,
      backlog: total.backlog.flat().reduce((a, b) => a + b, 0),
    },
    tables: statisticsTables(statistics),
    search: url.search,
  };
}

const NUMBER = new Intl.NumberFormat("fr-FR");
const ONE_DECIMAL = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const percent = (value: number | null) =>
  value === null ? "—" : `${ONE_DECIMAL.format(Math.round(value * 1000) / 10)} %`;
const days = (value: number | null) => (value === null ? "—" : `${ONE_DECIMAL.format(value)} j`);

function format(value: TableCell, kind: StatTable["kinds"][number]): string {
  if (value === null) return "—";
  if (typeof value === "string") return kind === "date" ? frenchDate(value) : value;
  if (kind === "share") return percent(value);
  if (kind === "days") return days(value);
  return NUMBER.format(value);
}

function csvHref(search: string, table: string) {
  const params = new URLSearchParams(search);
  params.set("tableau", table);
  return `/bureau/statistiques.csv?${params}`;
}

/** The figures of a chart, as a table, with their CSV. */
function DataTable({ table, search }: { table: StatTable; search: string }) {
  return (
    <>
      <ScrollableTable label={table.caption} className="fr-table--bordered fr-mb-1w">
        <table>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.header.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of figures, never reordered
              <tr key={index}>
                {row.map((value, column) =>
                  column === 0 && table.kinds[0] !== "count" ? (
                    <th key={table.header[column]} scope="row">
                      {format(value, table.kinds[0] ?? "text")}
                    </th>
                  ) : (
                    <td key={table.header[column]}>
                      {format(value, table.kinds[column] ?? "count")}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollableTable>
      <p className="fr-mb-5w">
        <a
          className="fr-link fr-icon-download-line fr-link--icon-left"
          href={csvHref(search, table.id)}
          download
        >
          Télécharger ces chiffres (CSV)<span className="fr-sr-only"> : {table.caption}</span>
        </a>
      </p>
    </>
  );
}

function KeyFigure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="fr-col-12 fr-col-sm-6 fr-col-lg-4">
      <div className="fr-tile fr-tile--sm fr-enlarge-link--none" style={{ height: "100%" }}>
        <div className="fr-tile__body">
          <div className="fr-tile__content">
            <p className="fr-tile__detail fr-mb-1v">{label}</p>
            <p className="fr-h3 fr-mb-0">{value}</p>
            {hint ? <p className="fr-text--xs fr-mb-0 fr-mt-1v">{hint}</p> : null}
          </div>
        </div>
      </div>
    </div>
  );
}

export default function StatisticsPage() {
  const { national, query, courts, total, tables, search } = useLoaderData<typeof loader>();
  const period = `du ${frenchDate(query.du)} au ${frenchDate(query.au)}`;
  const weekBars: Bar[] = tables.depots.rows.map((row) => ({
    label: String(row[0]),
    short: `${String(row[0]).slice(8, 10)}/${String(row[0]).slice(5, 7)}`,
    value: Number(row[1]),
  }));
  const outcomeBars: Bar[] = tables.issues.rows.map((row) => ({
    label: String(row[0]),
    value: Number(row[1]),
  }));
  const delayBars: Bar[] = tables.delais.rows.map((row, index) => ({
    label: String(index),
    short: index === tables.delais.rows.length - 1 ? `${index}+` : String(index),
    value: Number(row[1]),
  }));
  const backlogBars: Bar[] = tables.stock.rows.map((row) => ({
    label: String(row[0]),
    value: Number(row[row.length - 1]),
  }));
  const scope = national
    ? "Tous les bureaux d'aide juridictionnelle"
    : (courts.find((court) => court.id === query.tribunal)?.name ??
      (courts.length === 1 ? courts[0]?.name : undefined) ??
      "Vos bureaux d'aide juridictionnelle");
  return (
    <AgentPage title="Statistiques" segments={[{ label: "File des demandes", to: "/bureau" }]}>
      <p>
        {scope}, {period}. Des chiffres seulement : aucune donnée personnelle sur cette page.
      </p>
      <Form method="get" className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-4w">
        <div className="fr-col-12 fr-col-sm-6 fr-col-md-3">
          <Input
            label="Date de début"
            nativeInputProps={{ type: "date", name: "du", defaultValue: query.du }}
          />
        </div>
        <div className="fr-col-12 fr-col-sm-6 fr-col-md-3">
          <Input
            label="Date de fin"
            nativeInputProps={{ type: "date", name: "au", defaultValue: query.au }}
          />
        </div>
        {courts.length > 1 ? (
          <div className="fr-col-12 fr-col-md-4">
            <Select
              label="Tribunal"
              nativeSelectProps={{ name: "tribunal", defaultValue: query.tribunal ?? "" }}
            >
              <option value="">{national ? "Tous les tribunaux" : "Tous mes tribunaux"}</option>
              {courts.map((court) => (
                <option key={court.id} value={court.id}>
                  {court.name}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <div className="fr-col-12 fr-col-md-2">
          <Button type="submit" className="fr-mb-3v">
            Afficher
          </Button>
        </div>
      </Form>

      <h2>L'essentiel</h2>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-5w">
        <KeyFigure
          label={`Décisions en ${REFERENCE_DELAY_DAYS} jours ou moins`}
          value={percent(total.withinReference)}
          hint="Indicateur du ministère : depuis le dossier complet"
        />
        <KeyFigure
          label="Délai médian"
          value={days(total.medianDays)}
          hint={
            total.p90Days === null
              ? undefined
              : `90 % des décisions en ${days(total.p90Days)} ou moins`
          }
        />
        <KeyFigure label="Décisions sur la période" value={NUMBER.format(total.decisions)} />
        <KeyFigure label="Demandes déposées sur la période" value={NUMBER.format(total.deposits)} />
        <KeyFigure label="Demandes en cours aujourd'hui" value={NUMBER.format(total.backlog)} />
      </div>

      <h2>Dépôts par semaine</h2>
      <BarChart
        bars={weekBars}
        labelEvery={Math.max(1, Math.ceil(weekBars.length / 14))}
        description={`Demandes déposées par semaine, ${period} : ${NUMBER.format(total.deposits)} au total. Détail dans le tableau qui suit.`}
      />
      <DataTable table={tables.depots} search={search} />

      <h2>Issue des demandes</h2>
      <BarChart
        orientation="horizontal"
        bars={outcomeBars}
        description={`Issue des demandes closes ${period} : ${outcomeBars.map((bar) => `${bar.label} ${NUMBER.format(bar.value)}`).join(", ")}.`}
      />
      <DataTable table={tables.issues} search={search} />

      <h2>Délai de décision</h2>
      <p>
        Du dossier complet (dépôt, ou dernière réponse à une demande de précision) à la décision
        signée, en jours de 24 heures (5 jours : 120 heures). La ligne marque la référence du
        ministère : {REFERENCE_DELAY_DAYS} jours.
      </p>
      <BarChart
        bars={delayBars}
        marker={{ at: String(REFERENCE_DELAY_DAYS), label: `${REFERENCE_DELAY_DAYS} jours` }}
        labelEvery={5}
        description={`Décisions selon leur délai en jours ${period} : ${percent(total.withinReference)} en ${REFERENCE_DELAY_DAYS} jours ou moins, délai médian ${days(total.medianDays)}. Détail dans le tableau qui suit.`}
      />
      <DataTable table={tables.delais} search={search} />

      <h2>Demandes en cours par ancienneté</h2>
      <BarChart
        orientation="horizontal"
        bars={backlogBars}
        description={`Demandes en cours aujourd'hui selon leur ancienneté depuis le dépôt : ${backlogBars.map((bar) => `${bar.label} ${NUMBER.format(bar.value)}`).join(", ")}.`}
      />
      <DataTable table={tables.stock} search={search} />

      <h2>Décisions différentes de l'estimation</h2>
      <p>
        Part des décisions dont l'issue diffère de l'estimation calculée au dépôt à partir des
        données fiscales : un signal de qualité du calcul (ressources déclarées, changement de
        situation, motif de rejet hors ressources).
      </p>
      <DataTable table={tables.ecarts} search={search} />

      {tables.tribunaux.rows.length > 1 ? (
        <>
          <h2>Par tribunal</h2>
          <DataTable table={tables.tribunaux} search={search} />
        </>
      ) : null}
    </AgentPage>
  );
}
