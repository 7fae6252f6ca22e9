import { PROM, TEST_LABEL } from '../../load/metrics/prometheus-names.js';
import type { BudgetSlo } from '../../slo/model.js';
import { promDuration, recordedWindows } from '../../slo/rules/promql.js';
import { sliRecord } from '../../slo/rules/rules.js';
import { type Dashboard, dashboard, labelVariable, type Section, standardVariables } from './grafana.js';

/** Recording rules of `perfgate slo rules` (src/slo/rules/rules.ts) the dashboards read. */
const RULE = {
  objective: 'slo:objective:ratio',
  budget: 'slo:error_budget:ratio',
  currentBurn: 'slo:current_burn_rate:ratio',
  periodBurn: 'slo:period_burn_rate:ratio',
  budgetRemaining: 'slo:period_error_budget_remaining:ratio',
  periodRatio: 'slo:period_sli_error:ratio',
} as const;

const percent = (fraction: number) => `${Math.round(fraction * 10_000) / 100}%`;

/** One row per SLO: SLI over its period against the objective, budget left, burn rate, SLI over time. */
function sloRow(slo: BudgetSlo): Section[] {
  const only = `slo_id=${JSON.stringify(slo.id)}`;
  const period = promDuration(slo.period.nominalMs);
  const shortest = recordedWindows(slo)[0] ?? slo.period.nominalMs;
  return [
    { row: `${slo.service} · ${slo.name} (objective ${percent(slo.objective)} over ${period})` },
    {
      type: 'stat',
      title: `SLI over ${period}`,
      description:
        slo.description ??
        `Share of good events over the SLO period; the objective is ${percent(slo.objective)}.`,
      queries: [{ expr: `1 - ${RULE.periodRatio}{${only}}` }],
      unit: 'percentunit',
      decimals: 3,
      thresholds: ['red', [slo.objective, 'green']],
      w: 6,
      h: 6,
    },
    {
      type: 'gauge',
      title: 'Error budget remaining',
      queries: [{ expr: `${RULE.budgetRemaining}{${only}}` }],
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: ['red', [0.25, 'orange'], [0.5, 'green']],
      w: 6,
      h: 6,
    },
    {
      type: 'timeseries',
      title: `SLI (${promDuration(shortest)} windows) vs objective`,
      queries: [
        { expr: `1 - ${sliRecord(shortest)}{${only}}`, legend: 'SLI' },
        { expr: `${RULE.objective}{${only}}`, legend: 'objective' },
      ],
      unit: 'percentunit',
      w: 12,
      h: 6,
    },
  ];
}

/**
 * Performance overview: every SLO of the config with its compliance from the recording rules,
 * and the verdicts of the load tests CI pushed.
 */
export function overviewDashboard(slos: readonly BudgetSlo[]): Dashboard {
  const sections: Section[] = [
    { row: 'Compliance' },
    {
      type: 'bargauge',
      title: 'Error budget remaining by SLO',
      queries: [
        {
          expr: `${RULE.budgetRemaining}{service=~"$service"}`,
          legend: '{{service}} · {{slo}}',
          instant: true,
        },
      ],
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: ['red', [0.25, 'orange'], [0.5, 'green']],
      w: 12,
    },
    {
      type: 'timeseries',
      title: 'Current burn rate by SLO (1 = spending the budget exactly over the period)',
      queries: [{ expr: `${RULE.currentBurn}{service=~"$service"}`, legend: '{{service}} · {{slo}}' }],
      thresholds: ['green', [1, 'orange'], [6, 'red']],
      w: 12,
    },
    ...slos.flatMap(sloRow),
    { row: 'Load tests in CI (perfgate load --pushgateway)' },
    {
      type: 'stat',
      title: 'Last verdict per test',
      queries: [
        {
          expr: `max by (${TEST_LABEL}) (${PROM.runPassed}{job=~"$job",instance=~"$instance"})`,
          legend: '{{test}}',
          instant: true,
        },
      ],
      thresholds: ['red', [1, 'green']],
      w: 12,
    },
    {
      type: 'timeseries',
      title: 'p95 duration of pushed runs by test',
      queries: [
        {
          expr: `histogram_quantile(0.95, sum by (le, ${TEST_LABEL}) (${PROM.duration}_bucket{job=~"$job",instance=~"$instance"}))`,
          legend: '{{test}}',
        },
      ],
      unit: 's',
      w: 12,
    },
  ];
  return dashboard({
    uid: 'perfgate-overview',
    title: 'perfgate · performance overview',
    description: 'SLO compliance from `perfgate slo rules` recording rules, and pushed load-test verdicts.',
    sections,
    variables: standardVariables(PROM.runPassed, [
      labelVariable('service', 'Service', RULE.objective, 'service'),
    ]),
  });
}

/** Error budgets and burn rates: every alert tier's two windows against its factor. */
export function errorBudgetDashboard(slos: readonly BudgetSlo[]): Dashboard {
  const select = 'slo_id=~"$slo_id"';
  const burn = (windowMs: number) =>
    `${sliRecord(windowMs)}{${select}} / ignoring (window) ${RULE.budget}{${select}}`;
  const tiers = uniqueTiers(slos);
  const sections: Section[] = [
    { row: 'Budget' },
    {
      type: 'timeseries',
      title: 'Error budget remaining over the period',
      queries: [{ expr: `${RULE.budgetRemaining}{${select}}`, legend: '{{slo_id}}' }],
      unit: 'percentunit',
      thresholds: ['red', [0, 'orange'], [0.5, 'green']],
    },
    {
      type: 'timeseries',
      title: 'Burn rate: current (shortest window) and over the period',
      queries: [
        { expr: `${RULE.currentBurn}{${select}}`, legend: 'current {{slo_id}}' },
        { expr: `${RULE.periodBurn}{${select}}`, legend: 'period {{slo_id}}' },
      ],
    },
    { row: 'Multiwindow burn-rate alert tiers (an alert fires when both windows exceed the factor)' },
    ...tiers.map(
      (tier): Section => ({
        type: 'timeseries',
        title: `${tier.name} (${tier.severity}): ${promDuration(tier.longWindowMs)} and ${promDuration(tier.shortWindowMs)} burn rate, factor ${tier.factors}`,
        queries: [
          { expr: burn(tier.longWindowMs), legend: `${promDuration(tier.longWindowMs)} {{slo_id}}` },
          { expr: burn(tier.shortWindowMs), legend: `${promDuration(tier.shortWindowMs)} {{slo_id}}` },
        ],
        thresholds: ['green', [tier.lowestFactor, 'red']],
      }),
    ),
    { row: 'Error ratio by window' },
    {
      type: 'timeseries',
      title: 'SLI error ratio',
      queries: allWindows(slos).map((windowMs) => ({
        expr: `${sliRecord(windowMs)}{${select}}`,
        legend: `${promDuration(windowMs)} {{slo_id}}`,
      })),
      unit: 'percentunit',
      w: 24,
    },
  ];
  return dashboard({
    uid: 'perfgate-error-budgets',
    title: 'perfgate · error budgets and burn rates',
    description: 'Error budgets, burn rates and the multiwindow alert tiers of `perfgate slo rules`.',
    sections,
    variables: standardVariables(RULE.budget, [labelVariable('slo_id', 'SLO', RULE.budget, 'slo_id')]),
  });
}

interface TierPanel {
  name: string;
  severity: string;
  longWindowMs: number;
  shortWindowMs: number;
  factors: string;
  lowestFactor: number;
}

/** Tiers with the same name and windows share a panel; their factors (per period) are listed. */
function uniqueTiers(slos: readonly BudgetSlo[]): TierPanel[] {
  const panels = new Map<string, TierPanel & { all: Set<number> }>();
  for (const tier of slos.flatMap((slo) => slo.tiers)) {
    const key = `${tier.name}/${tier.longWindowMs}/${tier.shortWindowMs}`;
    const panel = panels.get(key) ?? {
      ...tier,
      factors: '',
      lowestFactor: tier.factor,
      all: new Set<number>(),
    };
    panel.all.add(tier.factor);
    panel.lowestFactor = Math.min(panel.lowestFactor, tier.factor);
    panels.set(key, panel);
  }
  return [...panels.values()].map(({ all, ...panel }) => ({
    name: panel.name,
    severity: panel.severity,
    longWindowMs: panel.longWindowMs,
    shortWindowMs: panel.shortWindowMs,
    lowestFactor: panel.lowestFactor,
    factors: [...all].sort((a, b) => a - b).join(' / '),
  }));
}

function allWindows(slos: readonly BudgetSlo[]): number[] {
  return [...new Set(slos.flatMap(recordedWindows))].sort((a, b) => a - b);
}
