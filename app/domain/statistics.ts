/**
 * The figures of a bureau d'aide juridictionnelle, computed from counts (pure: no framework, no I/O).
 * The ministry's indicator counts calendar days from the complete file to the signed decision, with
 * 5 days as its reference (docs/reference/bureau-aide-juridictionnelle.md, docs/decisions/016).
 */
import type { ApplicationStatus } from "./application/status";
import type { EligibilityResult } from "./eligibility";

type Outcome = EligibilityResult["outcome"];

/** The ministry's reference delay, in days. */
export const REFERENCE_DELAY_DAYS = 5;

/**
 * Delays are counted in hours up to ten days, then in whole days: a histogram with a few hundred
 * bars at most, whatever the number of decisions, precise where the indicator looks.
 */
export const HOURLY_UNTIL_HOURS = 240;

/** The histogram bar of a delay in hours (its lower bound, in hours). */
export function delayBucket(hours: number): number {
  const h = Math.max(0, Math.floor(hours));
  return h < HOURLY_UNTIL_HOURS ? h : h - ((h - HOURLY_UNTIL_HOURS) % 24);
}

/** Width of a bar, in hours. */
function bucketWidth(bucket: number): number {
  return bucket < HOURLY_UNTIL_HOURS ? 1 : 24;
}

export type DelayHistogram = ReadonlyMap<number, number>;

/**
 * The q-quantile (0 < q < 1) of the delays, in days, linearly interpolated inside its bar; null when
 * there is no decision.
 */
export function quantileDays(histogram: DelayHistogram, q: number): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    const count = histogram.get(bucket) ?? 0;
    if (seen + count >= rank) {
      const inside = count === 0 ? 0 : (rank - seen) / count;
      return (bucket + inside * bucketWidth(bucket)) / 24;
    }
    seen += count;
  }
  return null;
}

/** Share (0 to 1) of the delays within `days`; null when there is no decision. */
export function shareWithin(histogram: DelayHistogram, days: number): number | null {
  let total = 0;
  let within = 0;
  for (const [bucket, count] of histogram) {
    total += count;
    if (bucket + bucketWidth(bucket) <= days * 24) within += count;
  }
  return total === 0 ? null : within / total;
}

/** How a closed application ended, as the statistics name it. */
export const ENDINGS = [
  "FULL",
  "PARTIAL_55",
  "PARTIAL_25",
  "REJECTED",
  "LAPSED",
  "WITHDRAWN",
] as const;
export type Ending = (typeof ENDINGS)[number];

export const ENDING_LABELS: Record<Ending, string> = {
  FULL: "AJ totale",
  PARTIAL_55: "AJ partielle 55 %",
  PARTIAL_25: "AJ partielle 25 %",
  REJECTED: "Rejet",
  LAPSED: "Caducité",
  WITHDRAWN: "Désistement",
};

/** The ending of a closed application, from its status and the decided outcome. */
export function endingOf(status: ApplicationStatus, decided: Outcome | null): Ending | null {
  switch (status) {
    case "GRANTED":
      return decided === "PARTIAL_55" || decided === "PARTIAL_25" ? decided : "FULL";
    case "REJECTED":
      return "REJECTED";
    case "LAPSED":
      return "LAPSED";
    case "WITHDRAWN":
      return "WITHDRAWN";
    default:
      return null;
  }
}

/**
 * Ages of the backlog, in days since the deposit: [from, to) with the last one open (counted in SQL,
 * app/server/agent/statistics.server.ts).
 */
export const BACKLOG_AGES = [
  { from: 0, to: 5, label: "Moins de 5 jours" },
  { from: 5, to: 15, label: "5 à 14 jours" },
  { from: 15, to: 30, label: "15 à 29 jours" },
  { from: 30, to: 60, label: "30 à 59 jours" },
  { from: 60, to: null, label: "60 jours et plus" },
] as const;

/** The statuses of the backlog, in the order of the queue's tabs. */
export const BACKLOG_STATUSES = [
  "SUBMITTED",
  "IN_REVIEW",
  "INFORMATION_REQUESTED",
  "DECISION_PROPOSED",
] as const satisfies readonly ApplicationStatus[];

/** Decisions per whole day of delay: index d counts delays in [d, d + 1) days, the last `days +`. */
export function perDay(histogram: DelayHistogram, days = 30): number[] {
  const counts: number[] = Array.from({ length: days + 1 }, () => 0);
  for (const [bucket, count] of histogram) {
    const day = Math.min(days, Math.floor(bucket / 24));
    counts[day] = (counts[day] ?? 0) + count;
  }
  return counts;
}
