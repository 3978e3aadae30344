/**
 * The eligibility engine alone, on one core: evaluations per second over varied households (every
 * scale, every outcome), each run a fixed duration.
 */
import { computeEligibility, type EligibilityInput, SCALES } from "~/domain/eligibility";
import { type Summary, summarize } from "./stats";

export type EngineResult = { evaluationsPerSecond: Summary };

function inputs(count: number): EligibilityInput[] {
  // A fixed pseudo-random sequence: the same households at every run and on every machine.
  let state = 42;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, () => {
    const scale = SCALES[Math.floor(next() * SCALES.length)] ?? SCALES[0];
    return {
      requestDate: scale?.effectiveFrom ?? "2025-01-01",
      referenceTaxIncome: Math.round(next() * 40_000),
      householdSize: 1 + Math.floor(next() * 6),
      movableAssets: Math.round(next() * 20_000),
      realEstateAssets: next() < 0.9 ? 0 : Math.round(next() * 50_000),
      exemption: next() < 0.02 ? "SERIOUS_CRIME_VICTIM" : null,
    };
  });
}

export function benchEngine(runs: number, runMs = 1_000): EngineResult {
  const households = inputs(10_000);
  let sink = 0;
  // Warm-up: let the JIT compile the engine before timing it.
  for (const household of households) sink += computeEligibility(household).stateShare;
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    let done = 0;
    const started = performance.now();
    while (performance.now() - started < runMs) {
      for (let index = 0; index < 1_000; index++) {
        sink += computeEligibility(
          households[(done + index) % households.length] as EligibilityInput,
        ).stateShare;
      }
      done += 1_000;
    }
    rates.push(done / ((performance.now() - started) / 1_000));
  }
  if (sink < 0) console.log(sink); // keeps the results alive
  return { evaluationsPerSecond: summarize(rates) };
}
