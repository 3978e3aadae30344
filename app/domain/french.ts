/** Writing amounts and dates the French way, for citizens and agents. Pure. */

/**
 * A formatter built on its first use, then kept. Building one costs milliseconds (the browser
 * loads the locale's and the time zone's data): built when this module loads, the nine below
 * took about 20 ms of the phone's main thread before any page could answer a click, whether or
 * not the page wrote an amount or a date.
 */
function builtOnFirstUse<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}

const EUROS = builtOnFirstUse(() => new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 }));

/** "12 862 €" (with the French narrow no-break space). */
export function euros(amount: number): string {
  return `${EUROS().format(amount)} €`;
}

const CENTS = builtOnFirstUse(
  () => new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
);

/** "5 102,40 €", or "9 000 €" for a whole amount. */
export function eurosAndCents(amount: number): string {
  return Number.isInteger(amount) ? euros(amount) : `${CENTS().format(amount)} €`;
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

/** Swedish dates are written YYYY-MM-DD. */
const PARIS_DAY = builtOnFirstUse(
  () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" }),
);

const inParis = (options: Intl.DateTimeFormatOptions) =>
  builtOnFirstUse(() => new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", ...options }));

const PARIS_DAYS = {
  short: inParis({}),
  medium: inParis({ dateStyle: "medium" }),
  long: inParis({ dateStyle: "long" }),
};

/** The day of an instant in France: "26/11/2026", "26 nov. 2026" or "26 novembre 2026". */
export function dayInFrance(at: Date | string, style: keyof typeof PARIS_DAYS = "short"): string {
  return PARIS_DAYS[style]().format(new Date(at));
}

const PARIS_TIMES = {
  short: inParis({ dateStyle: "short", timeStyle: "short" }),
  long: inParis({ dateStyle: "long", timeStyle: "short" }),
};

/** An instant in France, to the minute: "26/11/2026 21:05" or "26 novembre 2026 à 21:05". */
export function timeInFrance(at: Date | string, style: keyof typeof PARIS_TIMES = "long"): string {
  return PARIS_TIMES[style]().format(new Date(at));
}

/** Today's date in France, "YYYY-MM-DD" (what selects the scale in force). */
export function todayInFrance(now = new Date()): string {
  return PARIS_DAY().format(now);
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

const PARIS_OFFSET = builtOnFirstUse(
  () => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", timeZoneName: "longOffset" }),
);

/** Minutes Paris is ahead of UTC at this instant (60 in winter, 120 in summer). */
function parisOffsetMinutes(at: Date): number {
  const name = PARIS_OFFSET()
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName");
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name?.value ?? "");
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/** Midnight in France on "YYYY-MM-DD", as an instant (summer and winter time alike). */
export function parisMidnight(day: string): Date {
  const utc = new Date(`${day}T00:00:00Z`);
  // The offset at local midnight equals the offset a few hours later except on the night of a
  // change, which happens at 2 or 3 a.m.: midnight itself always has the previous day's offset.
  const guess = new Date(utc.getTime() - parisOffsetMinutes(utc) * 60_000);
  return new Date(utc.getTime() - parisOffsetMinutes(guess) * 60_000);
}

/** "YYYY-MM-DD" plus a number of days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The earlier of two "YYYY-MM-DD" days. */
export function earlierDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** 62 → "5 ans et 2 mois"; 12 → "1 an"; 3 → "3 mois". */
export function monthsInWords(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const y = years ? `${years} an${years > 1 ? "s" : ""}` : "";
  const m = rest ? `${rest} mois` : "";
  return y && m ? `${y} et ${m}` : y || m || "0 mois";
}
