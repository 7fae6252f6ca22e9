/** Shapes and helpers shared by the generated promtool test groups (promtool-tests*.ts). */
import type { BudgetSlo } from '../model.js';
import { type ExpectedAlert, expectedBurnAlerts } from './expected-alerts.js';
import { BURN_ALERT } from './rules.js';
import type { Scenario } from './simulate.js';
import { valuesNotation } from './simulate.js';
import type { TestSeries } from './test-series.js';

export const MINUTE_MS = 60_000;
/** Events per sample: large, so `bad` rounds to an integer with a ratio error below 1e-5. */
export const EVENTS_PER_SAMPLE = 100_000;
/** Burn multiples tried for the firing test, largest first (2 would equal 6 = 2 × 3 on workbook tiers). */
export const BURN_FACTORS = [1.9, 1.8, 1.7, 1.6, 1.5, 1.4, 1.3, 1.2, 1.1];
export const BELOW_FACTOR = 0.9;

export interface AlertTest {
  eval_time: string;
  alertname: string;
  exp_alerts: ExpectedAlert[];
}

export interface TestGroup {
  name: string;
  interval: string;
  input_series: { series: string; values: string }[];
  alert_rule_test: AlertTest[];
  promql_expr_test?: { expr: string; eval_time: string; exp_samples: unknown[] }[];
}

export interface PromtoolTestFile {
  rule_files: string[];
  evaluation_interval: string;
  group_eval_order: string[];
  tests: TestGroup[];
}

export const minutes = (ms: number): string => `${Math.round(ms / MINUTE_MS)}m`;

export function seriesText(series: TestSeries): string {
  const labels = Object.entries(series.labels).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return `${series.metric}{${labels.join(',')}}`;
}

export interface Context {
  slos: readonly BudgetSlo[];
  evalMs: number;
  series: TestSeries[];
  scenario: Scenario;
}

export function alertTest(context: Context, atMs: number): AlertTest | undefined {
  const alerts = expectedBurnAlerts(context.slos, context.series, context.scenario, atMs);
  if (alerts === undefined) return undefined;
  return { eval_time: minutes(atMs), alertname: BURN_ALERT, exp_alerts: alerts };
}

export function group(name: string, context: Context, tests: AlertTest[]): TestGroup {
  return {
    name,
    interval: minutes(context.scenario.intervalMs),
    input_series: context.series.map((series) => ({
      series: seriesText(series),
      values: valuesNotation(series, context.scenario),
    })),
    alert_rule_test: tests,
  };
}
