/**
 * The local France Travail's payments, keyed on FranceConnect's demo identities
 * (mocks/franceconnect/identities.ts) and reconciled as the DGFiP's are (mocks/gateway/identity.ts).
 * Dates are relative to the current date (`new Date()`, the day in France): every payment is
 * monthly, on the 5th, and paid (dated today at the latest).
 *
 * - LAMBERT Sophie (`perte_emploi`), who lost her job, registered: 850.40 € of allocations on each
 *   of the last 8 fifths of a month (the latest on or before today), no tax withheld. The six months
 *   ending today, from today − 6 months + 1 day (e.g. 2026-05-27 → 2026-11-26), hold exactly 6 of
 *   them, whatever the day: 6 × 850.40 = 5 102.40 €. Beware: a period one day longer, from today −
 *   6 months, holds 7 of them on the 5th of a month.
 * - BENSAID Omar (`demandeur_bureau`), registered: 1 210.00 € of allocations on the last 3 fifths,
 *   2.4 % withheld at source (1 180.96 € paid).
 * - DUBOIS Angela Claire Louise (`test`): known, no longer registered: no payment listed.
 * - Everyone else: unknown to France Travail (404).
 */
import { findByPivotIdentity, type PivotClaims, type PivotMatch } from "../gateway/identity";

/** One payment, as France Travail describes it (docs/reference/api-france-travail.md). Euros. */
export type Payment = {
  /** The day of payment, 04:00 in France, with its offset ("2026-10-05T04:00:00+02:00"). */
  date_paiement: string;
  /** What was paid: allocations + aids + other payments − income tax withheld at source. */
  montant_paiement: number;
  allocations: number;
  aides: number;
  autres_paiements: number;
};

export type JobSeeker = {
  /** Pivot identity France Travail reconciles with (upper case, as in its files). */
  match: PivotMatch;
  /**
   * Monthly payments on the 5th: `count` of them, the most recent `latest` months before the
   * latest 5th on or before today (0: that one). Amounts in euros.
   */
  monthly: {
    latest: number;
    count: number;
    allocation: number;
    aide?: number;
    autre?: number;
    /** Rate of the income tax withheld at source, in percent (0 by default). */
    withheld?: number;
  };
  /** Still registered (the list holds the payments since the latest registration). */
  registered: boolean;
};

/** The day payments are made each month. */
export const PAYMENT_DAY = 5;

export const JOB_SEEKERS: JobSeeker[] = [
  {
    // Lost her job: her allocation is now her only income (tax notice: mocks/dgfip/dataset.ts).
    match: {
      family_name: "LAMBERT",
      given_name: "Sophie",
      birthdate: "1985-05-14",
      gender: "female",
    },
    monthly: { latest: 0, count: 8, allocation: 850.4 },
    registered: true,
  },
  {
    // Known, no longer registered: nothing listed.
    match: {
      family_name: "DUBOIS",
      given_name: "Angela Claire Louise",
      birthdate: "1962-08-24",
      gender: "female",
    },
    monthly: { latest: 13, count: 12, allocation: 1_050 },
    registered: false,
  },
  {
    match: { family_name: "BENSAID", given_name: "Omar", birthdate: "1988-10-17", gender: "male" },
    monthly: { latest: 0, count: 3, allocation: 1_210, withheld: 2.4 },
    registered: true,
  },
];

/** Swedish dates are written YYYY-MM-DD. */
const PARIS_DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" });

/** The day in France, "YYYY-MM-DD". */
export function todayInFrance(now = new Date()): string {
  return PARIS_DAY.format(now);
}

/** "YYYY-MM-DD" plus `months` calendar months: the same day, or that month's last if shorter. */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = [day.slice(0, 4), day.slice(5, 7), day.slice(8, 10)].map(Number);
  const first = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date ?? 1, last));
  return first.toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" plus a number of days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const cents = (euros: number) => Math.round(euros * 100);

/** The UTC offset of France on a day ("+01:00" or "+02:00"), at 04:00 there. */
function parisOffset(day: string): string {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const name = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Paris",
    timeZoneName: "longOffset",
  })
    .formatToParts(noonUtc)
    .find((part) => part.type === "timeZoneName")?.value;
  return name?.replace("GMT", "") || "+01:00";
}

/** The payments listed for a registered person, most recent first, as of `now`. */
export function paymentsOf(seeker: JobSeeker, now = new Date()): Payment[] {
  if (!seeker.registered) return [];
  const today = todayInFrance(now);
  const thisMonth = `${today.slice(0, 8)}${String(PAYMENT_DAY).padStart(2, "0")}`;
  const latest = thisMonth <= today ? thisMonth : addMonths(thisMonth, -1);
  const { allocation, aide = 0, autre = 0, withheld = 0 } = seeker.monthly;
  const gross = cents(allocation) + cents(aide) + cents(autre);
  const paid = (gross - Math.round((gross * withheld) / 100)) / 100;
  const payments: Payment[] = [];
  for (
    let back = seeker.monthly.latest;
    back < seeker.monthly.latest + seeker.monthly.count;
    back++
  ) {
    const day = addMonths(latest, -back);
    payments.push({
      date_paiement: `${day}T04:00:00${parisOffset(day)}`,
      montant_paiement: paid,
      allocations: allocation,
      aides: aide,
      autres_paiements: autre,
    });
  }
  return payments;
}

/** The answer for a person: their registration and the payments since. */
export function listOf(seeker: JobSeeker, now = new Date()) {
  return { statutInscription: seeker.registered, listePaiement: paymentsOf(seeker, now) };
}

/** Reconciles a pivot identity (from checktoken) with France Travail's files: one match or none. */
export function findJobSeeker(identity: PivotClaims): JobSeeker | undefined {
  return findByPivotIdentity(JOB_SEEKERS, identity);
}
