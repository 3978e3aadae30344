/**
 * The change of situation (décret n° 2020-1717, art. 4): when the household's income is no longer
 * the one the latest tax notice describes, the resources taken into account are twice the taxable
 * income of the last six months, after a 10 % allowance, compared with the ceilings as a revenu
 * fiscal de référence would be. Pure TypeScript, no framework.
 * Facts and open points: docs/reference/regles-aide-juridictionnelle.md §7.
 */

/** The income of the six months before the request, in euros. */
export type RecentIncome = {
  /** First and last day of the period ("YYYY-MM-DD"). */
  from: string;
  to: string;
  /** Certified at the source by a FranceConnected API (e.g. France Travail's payments). */
  certified: number;
  /** Who certified it, as told to people ("France Travail"); absent when nothing is certified. */
  certifiedBy?: string | null;
  /** Declared by the applicant (their other taxable income of the period). */
  declared: number;
};

/** The allowance taken off the six months' income (art. 4), in percent. */
export const RECENT_INCOME_ALLOWANCE_PERCENT = 10;

/**
 * The six months' total and the resources retained: 2 × (total − 10 %), computed in cents so that
 * an amount on a ceiling stays on it.
 */
export function retainedFromRecentIncome(income: RecentIncome): {
  total: number;
  retained: number;
} {
  const totalCents = Math.round(income.certified * 100) + Math.round(income.declared * 100);
  // Integers all the way (2 × 90 / 100): no floating-point drift across a ceiling.
  const retainedCents = Math.round(
    (totalCents * 2 * (100 - RECENT_INCOME_ALLOWANCE_PERCENT)) / 100,
  );
  return { total: totalCents / 100, retained: retainedCents / 100 };
}

/**
 * The six months before a request made on `today` ("YYYY-MM-DD"): from the day after the same date
 * six months earlier (the last day of that month when it has no such day) to `today`.
 */
export function lastSixMonths(today: string): { from: string; to: string } {
  const [year, month, dayOfMonth] = today.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 - 6 + 1, 0)).getUTCDate();
  const start = new Date(Date.UTC(year, month - 1 - 6, Math.min(dayOfMonth, lastDay) + 1));
  return { from: start.toISOString().slice(0, 10), to: today };
}
