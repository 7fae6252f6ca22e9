/**
 * The labels that identify an SLO's series and alerts. `slo_id` is unique across every config
 * that shares a Prometheus (two services may both have an SLO named `availability`), so every
 * rule selects on it; the user's labels are kept as written (spec/labels.ts refuses clashes).
 */
import type { BudgetSlo } from '../model.js';

export function identityLabels(slo: BudgetSlo): Record<string, string> {
  return { ...slo.labels, slo_id: slo.id, slo: slo.name, service: slo.service };
}

/** `{slo_id="checkout-availability"}`, the matcher every generated rule uses. */
export const sloMatcher = (slo: BudgetSlo): string => `slo_id=${JSON.stringify(slo.id)}`;

/** `metric{slo_id="…"}`. */
export const ofSlo = (metric: string, slo: BudgetSlo): string => `${metric}{${sloMatcher(slo)}}`;
