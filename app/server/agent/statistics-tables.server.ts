/**
 * The statistics as tables: one description per table, read by the page (an accessible table under
 * each chart) and by the CSV download, so that both always carry the same figures.
 */

import { STATUS_LABELS } from "~/domain/application/status";
import {
  BACKLOG_AGES,
  BACKLOG_STATUSES,
  ENDING_LABELS,
  ENDINGS,
  REFERENCE_DELAY_DAYS,
} from "~/domain/statistics";
import type { Figures, Statistics } from "./statistics.server";

export type TableCell = string | number | null;
export type StatTable = {
  /** Also the CSV's name. */
  id: string;
  caption: string;
  header: string[];
  rows: TableCell[][];
  /** Cells meant as shares (0 to 1) or days, by column: how to write them. */
  kinds: ("count" | "share" | "days" | "text" | "date")[];
};

export const TABLE_IDS = ["depots", "issues", "delais", "stock", "ecarts", "tribunaux"] as const;
export type TableId = (typeof TABLE_IDS)[number];

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function backlogTotal(figures: Figures): number {
  return figures.backlog.flat().reduce((a, b) => a + b, 0);
}

export function statisticsTables(stats: Statistics): Record<TableId, StatTable> {
  const { total } = stats;
  const closed = ENDINGS.reduce((sum, ending) => sum + total.closed[ending], 0);
  return {
    depots: {
      id: "depots",
      caption: "Demandes déposées par semaine",
      header: ["Semaine du", "Demandes déposées"],
      rows: stats.weeks.map((week) => [week.week, week.deposits]),
      kinds: ["date", "count"],
    },
    issues: {
      id: "issues",
      caption: "Issue des demandes closes sur la période",
      header: ["Issue", "Demandes", "Part"],
      rows: ENDINGS.map((ending) => [
        ENDING_LABELS[ending],
        total.closed[ending],
        share(total.closed[ending], closed),
      ]),
      kinds: ["text", "count", "share"],
    },
    delais: {
      id: "delais",
      caption: "Décisions selon le délai entre le dossier complet et la décision",
      header: ["Délai (jours)", "Décisions", `Dans les ${REFERENCE_DELAY_DAYS} jours`],
      rows: total.perDay.map((count, day) => [
        day === total.perDay.length - 1 ? `${day} et plus` : `${day} à ${day + 1}`,
        count,
        day < REFERENCE_DELAY_DAYS ? "oui" : "non",
      ]),
      kinds: ["text", "count", "text"],
    },
    stock: {
      id: "stock",
      caption: "Demandes en cours selon leur ancienneté depuis le dépôt (aujourd'hui)",
      header: ["Ancienneté", ...BACKLOG_STATUSES.map((status) => STATUS_LABELS[status]), "Total"],
      rows: BACKLOG_AGES.map((age, index) => {
        const line = total.backlog[index] ?? [];
        return [age.label, ...line, line.reduce((a, b) => a + b, 0)];
      }),
      kinds: ["text", ...BACKLOG_STATUSES.map(() => "count" as const), "count"],
    },
    ecarts: {
      id: "ecarts",
      caption: "Décisions différentes de l'estimation calculée au dépôt",
      header: ["Décisions avec une estimation", "Décisions différentes", "Part"],
      rows: [[total.compared, total.differing, share(total.differing, total.compared)]],
      kinds: ["count", "count", "share"],
    },
    tribunaux: {
      id: "tribunaux",
      caption: "Par tribunal",
      header: [
        "Tribunal",
        "Dépôts",
        "Décisions",
        "Délai médian (jours)",
        "Délai 90e centile (jours)",
        `Décisions en ${REFERENCE_DELAY_DAYS} jours ou moins`,
        "En cours",
        "Décision différente de l'estimation",
      ],
      rows: stats.courts.map((court) => [
        court.name,
        court.deposits,
        court.decisions,
        court.medianDays,
        court.p90Days,
        court.withinReference,
        backlogTotal(court),
        share(court.differing, court.compared),
      ]),
      kinds: ["text", "count", "count", "days", "days", "share", "count", "share"],
    },
  };
}

/** For the CSV: shares as percentages with one decimal, days with one decimal. */
export function csvValue(
  value: TableCell,
  kind: StatTable["kinds"][number],
): string | number | null {
  if (kind === "date" && typeof value === "string") {
    const [year, month, day] = value.split("-");
    return `${day}/${month}/${year}`;
  }
  if (value === null || typeof value === "string") return value;
  if (kind === "share") return Math.round(value * 1000) / 10;
  if (kind === "days") return Math.round(value * 10) / 10;
  return value;
}
