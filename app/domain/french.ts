/** Writing amounts and dates the French way, for citizens and agents. Pure. */

const EUROS = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/** "12 862 €" (with the French narrow no-break space). */
export function euros(amount: number): string {
  return `${EUROS.format(amount)} €`;
}

const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

/** "2025-01-23" → "23 janvier 2025"; "2021-01-01" → "1er janvier 2021". Anything else as given. */
export function frenchDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const monthName = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !monthName) return isoDate;
  const day = Number(match[3]);
  return `${day === 1 ? "1er" : day} ${monthName} ${match[1]}`;
}

/** Today's date in France, "YYYY-MM-DD" (what selects the scale in force). */
export function todayInFrance(now = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" }).format(now);
}

/** "Saint-Étienne" → "saint etienne": what searches compare (accents, case, hyphens ignored). */
export function searchable(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[-'’\s]+/g, " ")
    .trim();
}

/** The DGFiP's codes of situation de famille, in French. */
export const FAMILY_SITUATIONS: Record<string, string> = {
  M: "Marié(e)",
  O: "Pacsé(e)",
  C: "Célibataire",
  D: "Divorcé(e) ou séparé(e)",
  V: "Veuf ou veuve",
};
