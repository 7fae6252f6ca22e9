/**
 * Alertmanager inhibit rules (the `inhibit_rules:` section of alertmanager.yml): while a tier of
 * an SLO fires, slower tiers of the same SLO stay silent (workbook ch. 5: "implement alert
 * suppression"). A tier is slower when its long window is longer. promtool does not check these.
 */
import type { BudgetSlo } from '../model.js';
import { promDuration } from './promql.js';
import { BURN_ALERT } from './rules.js';

export interface InhibitRule {
  source_matchers: string[];
  target_matchers: string[];
  equal: string[];
}

export interface AlertmanagerFragment {
  inhibit_rules: InhibitRule[];
}

/** One rule per (faster, slower) pair of distinct long windows across the SLOs' tiers. */
export function inhibitRules(slos: readonly BudgetSlo[]): AlertmanagerFragment {
  const pairs = new Map<string, InhibitRule>();
  for (const slo of slos) {
    if (slo.prometheus === undefined) continue;
    const tiers = [...slo.tiers].sort((a, b) => a.longWindowMs - b.longWindowMs);
    for (const [i, faster] of tiers.entries()) {
      for (const slower of tiers.slice(i + 1)) {
        if (slower.longWindowMs === faster.longWindowMs) continue;
        const key = `${faster.name}@${faster.longWindowMs}>${slower.name}@${slower.longWindowMs}`;
        pairs.set(key, {
          source_matchers: [
            `alertname="${BURN_ALERT}"`,
            `burn_tier="${faster.name}"`,
            `long="${promDuration(faster.longWindowMs)}"`,
          ],
          target_matchers: [
            `alertname="${BURN_ALERT}"`,
            `burn_tier="${slower.name}"`,
            `long="${promDuration(slower.longWindowMs)}"`,
          ],
          equal: ['slo_id'],
        });
      }
    }
  }
  return { inhibit_rules: [...pairs.values()] };
}
