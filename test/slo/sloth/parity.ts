// Differential promtool tests: the same synthetic traffic fed to Sloth's expected rules (copied
// from slok/sloth) and to perfgate's rules for the same SLO, loaded side by side in one promtool
// run. At every checkpoint the page state (Sloth `sloth_severity="page"`, perfgate
// `severity="critical"`) and the ticket state (`ticket` / `warning`) must be equal, and where the
// MWMB maths gives an unambiguous answer both must match it.
import type { BudgetSlo } from '../../../src/slo/model.js';
import { countersFor, type Scenario, tierState, valuesNotation } from '../../../src/slo/rules/simulate.js';
import { seriesFor, type TestSeries } from '../../../src/slo/rules/test-series.js';

const MINUTE = 60_000;
/** Events per minute: large enough that half a budget of 0.1 % is a whole number of bad events. */
const EVENTS = 100_000;
export const EVALUATION_MINUTES = 5;
const CHECK_EVERY_MINUTES = 15;

/** How a gauge-based SLI (Sloth's home-wifi examples) is fed: client satisfaction ratios. */
export interface GaugeFeed {
  metric: string;
  clients: number;
  /** `count-below`: a share of clients at `bad`, the rest at `good`; `uniform`: all at 1 − ratio. */
  mode: 'count-below' | 'uniform';
  good: number;
  bad: number;
}

export interface Pair {
  slothAlert: string;
  slothId: string;
  slo: BudgetSlo;
  gauge?: GaugeFeed;
}

/** A stretch of traffic: its length and error ratio ('none': the counters exist but stay flat). */
interface Stage {
  minutes: number;
  ratio: number | 'none';
}

interface ScenarioSpec {
  name: string;
  stages: Stage[];
  absent?: boolean;
  /** Hand-stated outcomes for the pair under test, checked on both rule sets: [minute, page, ticket]. */
  stated: [number, 0 | 1, 0 | 1][];
}

const factors = (slo: BudgetSlo, severity: 'critical' | 'warning') =>
  slo.tiers.filter((tier) => tier.severity === severity).map((tier) => tier.factor);

/**
 * Steady low errors, a burst and its recovery, a slow leak, no traffic, an absent metric. With
 * `quantum` (a gauge fed by whole clients) ratios are rounded to it, and an outcome is only stated
 * when the rounded ratio still lies where the scenario meant it to.
 */
export function scenariosFor(slo: BudgetSlo, quantum?: number): ScenarioSpec[] {
  const budget = slo.budget;
  const round = (ratio: number) => (quantum === undefined ? ratio : Math.round(ratio / quantum) * quantum);
  const pageMax = Math.max(...factors(slo, 'critical'));
  const pageMin = Math.min(...factors(slo, 'critical'));
  const ticketMax = Math.max(...factors(slo, 'warning'));
  const lowest = Math.min(...slo.tiers.map((tier) => tier.factor));
  const steady = round(0.5 * budget);
  const burst = round(Math.min(1, 2 * pageMax * budget));
  const leak = round(((ticketMax + pageMin) / 2) * budget);
  const burstStated: [number, 0 | 1, 0 | 1][] =
    burst > pageMax * budget
      ? [
          [60, 0, 0],
          [105, 1, 1],
        ]
      : [[60, 0, 0]];
  // After 600 of 660 minutes of leak, the 1d window holds 600/660 of the leak's ratio.
  const leaks = leak < pageMin * budget && (leak * 600) / 660 > ticketMax * budget;
  return [
    {
      name: 'steady low errors (half the budget rate)',
      stages: [{ minutes: 360, ratio: steady }],
      stated: steady < lowest * budget ? [[360, 0, 0]] : [],
    },
    {
      name: `a burst (${Math.round(burst * 1_000) / 10} % errors for 45m), then recovery`,
      stages: [
        { minutes: 60, ratio: 0 },
        { minutes: 45, ratio: burst },
        { minutes: 180, ratio: 0 },
      ],
      stated: burstStated,
    },
    {
      name: `a slow leak (${Math.round((leak / budget) * 100) / 100}x the budget rate)`,
      stages: [
        { minutes: 60, ratio: 0 },
        { minutes: 600, ratio: leak },
      ],
      stated: leaks ? [[660, 0, 1]] : [],
    },
    { name: 'no traffic', stages: [{ minutes: 120, ratio: 'none' }], stated: [[120, 0, 0]] },
    {
      name: 'an absent metric',
      stages: [{ minutes: 120, ratio: 'none' }],
      absent: true,
      stated: [[120, 0, 0]],
    },
  ];
}

const totalMinutes = (spec: ScenarioSpec) => spec.stages.reduce((sum, stage) => sum + stage.minutes, 0);

function counterScenario(spec: ScenarioSpec): Scenario {
  return {
    intervalMs: MINUTE,
    phases: spec.stages.map((stage) => ({
      steps: stage.minutes,
      total: stage.ratio === 'none' ? 0 : EVENTS,
      bad: stage.ratio === 'none' ? 0 : Math.round(stage.ratio * EVENTS),
    })),
  };
}

function counterSeries(pair: Pair, spec: ScenarioSpec): { series: string; values: string }[] {
  const scenario = counterScenario(spec);
  return seriesFor(pair.slo).map((series: TestSeries) => ({
    series: `${series.metric}{${Object.entries(series.labels)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',')}}`,
    values: valuesNotation(series, scenario),
  }));
}

function gaugeSeries(feed: GaugeFeed, spec: ScenarioSpec): { series: string; values: string }[] {
  return Array.from({ length: feed.clients }, (_, client) => {
    const parts = spec.stages.map((stage, index) => {
      const ratio = stage.ratio === 'none' ? 0 : stage.ratio;
      const value =
        feed.mode === 'uniform'
          ? 1 - ratio
          : client < Math.round(ratio * feed.clients)
            ? feed.bad
            : feed.good;
      // The first stage also writes the sample at t = 0.
      return `${Number(value.toPrecision(12))}x${stage.minutes - (index === 0 ? 0 : 1)}`;
    });
    return { series: `${feed.metric}{client="c${client}"}`, values: parts.join(' ') };
  });
}

const firing = (selector: string) => `max(ALERTS{alertstate="firing",${selector}}) or vector(0)`;

function selectors(pair: Pair) {
  const sloth = `alertname="${pair.slothAlert}",sloth_id="${pair.slothId}"`;
  const ours = `alertname="ErrorBudgetBurn",slo_id="${pair.slo.id}"`;
  return {
    page: [`${sloth},sloth_severity="page"`, `${ours},severity="critical"`],
    ticket: [`${sloth},sloth_severity="ticket"`, `${ours},severity="warning"`],
  } as const;
}

type Expr = { expr: string; eval_time: string; exp_samples: { labels: string; value: number }[] };
const sample = (value: number) => [{ labels: '{}', value }];

/** Both rule sets agree at `minute`; when the MWMB maths (or the scenario) says the state, both have it. */
function checksAt(pair: Pair, minute: number, predicted: { page?: 0 | 1; ticket?: 0 | 1 }): Expr[] {
  const at = `${minute}m`;
  const checks: Expr[] = [];
  for (const kind of ['page', 'ticket'] as const) {
    const [sloth, ours] = selectors(pair)[kind];
    checks.push({
      expr: `(${firing(sloth)}) == bool (${firing(ours)})`,
      eval_time: at,
      exp_samples: sample(1),
    });
    const state = predicted[kind];
    if (state === undefined) continue;
    checks.push({ expr: firing(sloth), eval_time: at, exp_samples: sample(state) });
    checks.push({ expr: firing(ours), eval_time: at, exp_samples: sample(state) });
  }
  return checks;
}

/** Page/ticket state predicted from the windows' exact error ratios; undefined where ambiguous. */
function predict(pair: Pair, series: TestSeries[], scenario: Scenario, atMs: number) {
  const counters = countersFor(pair.slo, series, scenario);
  const state = (severity: 'critical' | 'warning'): 0 | 1 | undefined => {
    const states = pair.slo.tiers
      .filter((tier) => tier.severity === severity)
      .map((tier) => tierState(pair.slo, tier, counters, scenario.intervalMs, atMs));
    if (states.includes('firing')) return 1;
    return states.includes('ambiguous') ? undefined : 0;
  };
  return { page: state('critical'), ticket: state('warning') };
}

/** What `pair` should do at `minute` of `under`'s scenario: stated, predicted, or only "as Sloth". */
function expectation(
  pair: Pair,
  under: Pair,
  spec: ScenarioSpec,
  minute: number,
): { page?: 0 | 1; ticket?: 0 | 1 } {
  const stated = pair === under ? spec.stated.find(([at]) => at === minute) : undefined;
  if (stated !== undefined) return { page: stated[1], ticket: stated[2] };
  // The exact window ratios are known for counters fed by seriesFor, not for gauges.
  if (pair.gauge !== undefined || under.gauge !== undefined || spec.absent) return {};
  return predict(pair, seriesFor(under.slo), counterScenario(spec), minute * MINUTE);
}

/** One promtool test group per scenario: the pair's traffic, every pair of the fixture compared. */
export function parityGroups(pairs: readonly Pair[], under: Pair) {
  const quantum = under.gauge?.mode === 'count-below' ? 1 / under.gauge.clients : undefined;
  return scenariosFor(under.slo, quantum).map((spec) => {
    const input = spec.absent
      ? []
      : under.gauge
        ? gaugeSeries(under.gauge, spec)
        : counterSeries(under, spec);
    const end = totalMinutes(spec);
    const tests: Expr[] = [];
    for (let minute = CHECK_EVERY_MINUTES; minute <= end; minute += CHECK_EVERY_MINUTES) {
      for (const pair of pairs) tests.push(...checksAt(pair, minute, expectation(pair, under, spec, minute)));
    }
    for (const [minute, page, ticket] of spec.stated) {
      if (minute % CHECK_EVERY_MINUTES !== 0) tests.push(...checksAt(under, minute, { page, ticket }));
    }
    return {
      name: `${under.slo.id}: ${spec.name}`,
      interval: '1m',
      input_series: input,
      promql_expr_test: tests,
    };
  });
}
