/**
 * Adjusted p-values for a suite of tests (research/bench-tools.md, Conclusion 4: control the
 * suite-level error rate). Both functions return adjusted values in the input order; reject
 * hypothesis i at level α when adjusted[i] ≤ α. Empty input gives an empty array.
 */
import { PerfgateError } from '../core/errors.js';

function validate(pValues: readonly number[]): void {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) {
      throw new PerfgateError('INVALID_ARGUMENT', `pValues[${i}] is ${p}; p-values must be in [0, 1]`);
    }
  });
}

/** Indices of `pValues` ordered by ascending p (stable for ties). */
function ascendingOrder(pValues: readonly number[]): number[] {
  return pValues.map((_, i) => i).sort((a, b) => (pValues[a] ?? 0) - (pValues[b] ?? 0));
}

/**
 * Holm's step-down adjustment (controls the family-wise error rate): with p sorted ascending
 * p₍₁₎ ≤ … ≤ p₍ₘ₎, adjusted p₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎).
 * Monotone in the sorted order and capped at 1.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  validate(pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let running = 0;
  ascendingOrder(pValues).forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[index] ?? 1)));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up adjustment (controls the false discovery rate under independence or
 * positive dependence): adjusted p₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎ / j).
 * Monotone in the sorted order and capped at 1.
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  validate(pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  const order = ascendingOrder(pValues);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank] ?? 0;
    running = Math.min(running, (m * (pValues[index] ?? 1)) / (rank + 1));
    adjusted[index] = running;
  }
  return adjusted;
}
