/** Median and 95th percentile of repeated measures, as every figure of the benchmark is given. */

export type Summary = { median: number; p95: number; runs: number };

/** The value below which `p` % of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
    Number.NaN
  );
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2
      ? (sorted[middle] ?? Number.NaN)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, p95: percentile(sorted, 95), runs: sorted.length };
}

/** "12.3 (p95 14.0)" with `digits` decimals. */
export function show(summary: Summary, digits = 0, unit = ""): string {
  if (Number.isNaN(summary.median)) return "—";
  const format = (value: number) =>
    value.toLocaleString("fr-FR", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return summary.runs > 1
    ? `${format(summary.median)}${unit} (p95 ${format(summary.p95)})`
    : `${format(summary.median)}${unit}`;
}
