/**
 * SLO compliance of one run: each SLO is judged on the results of the load scripts aimed at its
 * service (all scripts when either names no service) and on the benchmark results, with the
 * same maths as `perfgate slo check`. Scenario SLIs (`sli.scenario: workflow`) judge the
 * scenario's sessions (`perfgate.scenario.<name>.*`); for results without them (older files), a
 * script with a single scenario reports that scenario's requests as the whole run.
 */

// Narrow imports: this module is part of the library bundle, which leaves the live monitor out.
import type { LoadResults } from '../load/metrics/results.js';
import { mergeResults } from '../load/metrics/results.js';
import { checkSlo, type SloCheck } from '../slo/compliance/check.js';
import { evidenceFromResult, isBenchResult, type LoadEvidence } from '../slo/evidence/index.js';
import type { Slo } from '../slo/model.js';

export interface LoadEvidenceInput {
  /** The results file name as shown in reports. */
  source: string;
  service?: string;
  /** The scenarios the script can run (names of its supported scenarios). */
  scenarios: readonly string[];
  /** The parsed results (Artillery layout + `perfgate`). */
  results: unknown;
}

export interface BenchEvidenceInput {
  source: string;
  results: unknown;
}

/** The scenarios that ran, from Artillery's `vusers.created_by_name.<scenario>` counters. */
export function scenariosRun(results: unknown): string[] {
  const aggregate = (results as { aggregate?: { counters?: Record<string, unknown> } } | undefined)
    ?.aggregate;
  const prefix = 'vusers.created_by_name.';
  return Object.keys(aggregate?.counters ?? {})
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length));
}

/** When a script has one scenario, all its requests are that scenario's: scenario SLIs can judge them. */
export function withSingleScenario(evidence: LoadEvidence, scenarios: readonly string[]): LoadEvidence {
  const only = scenarios.length === 1 ? scenarios[0] : undefined;
  if (only === undefined || evidence.scenarios[only] !== undefined) return evidence;
  return { ...evidence, scenarios: { ...evidence.scenarios, [only]: evidence.whole } };
}

interface JudgedLoad {
  readonly load: LoadEvidenceInput;
  readonly evidence: LoadEvidence;
}

function loadEvidence(load: LoadEvidenceInput): LoadEvidence {
  return withSingleScenario(evidenceFromResult(load.results, load.source) as LoadEvidence, load.scenarios);
}

/**
 * One verdict per SLO: when several scripts' results cover it (two scripts hitting the same
 * endpoint, or a service-wide SLO), their results are merged exactly (histograms and counters
 * add, as `perfgate merge` does) and judged once. Results that cannot be merged (an older or
 * foreign layout) are judged one by one, as before.
 */
function judgeTogether(slo: Slo, applicable: readonly JudgedLoad[]): SloCheck[] {
  const checks = applicable.map((entry) => checkSlo(slo, entry.evidence));
  const covering = applicable.filter((_, index) => checks[index]?.verdict !== 'not-covered');
  if (covering.length < 2 || !covering.every((entry) => isMergeable(entry.load.results))) return checks;
  const merged = mergeResults(covering.map((entry) => entry.load.results as LoadResults));
  const scenarios = [...new Set(covering.flatMap((entry) => entry.load.scenarios))];
  const source = covering.map((entry) => entry.load.source).join(' + ');
  return [checkSlo(slo, withSingleScenario(evidenceFromResult(merged, source) as LoadEvidence, scenarios))];
}

/** Results with perfgate's exact windows (what mergeResults needs). */
function isMergeable(results: unknown): boolean {
  const section = (
    results as { perfgate?: { windows?: unknown; health?: { samples?: unknown } } } | undefined
  )?.perfgate;
  return Array.isArray(section?.windows) && Array.isArray(section?.health?.samples);
}

const appliesTo = (slo: Slo, service: string | undefined) =>
  service === undefined || slo.service === undefined || slo.service === service;

/**
 * Every covered check, plus one `not-covered` check for each SLO no result covered (so the
 * report lists it), in SLO order.
 */
export function checkRunSlos(
  slos: readonly Slo[],
  loads: readonly LoadEvidenceInput[],
  bench?: BenchEvidenceInput,
): SloCheck[] {
  const judged: JudgedLoad[] = loads.map((load) => ({ load, evidence: loadEvidence(load) }));
  // Benchmark SLOs are judged only on results the SLO engine can read (see isBenchResult).
  const benchEvidence =
    bench !== undefined && isBenchResult(bench.results)
      ? evidenceFromResult(bench.results, bench.source)
      : undefined;
  return slos.flatMap((slo) => {
    const applicable = judged.filter((entry) => appliesTo(slo, entry.load.service));
    const loadChecks = judgeTogether(slo, applicable);
    const checks = benchEvidence ? [...loadChecks, checkSlo(slo, benchEvidence)] : loadChecks;
    const covered = checks.filter((check) => check.verdict !== 'not-covered');
    if (covered.length > 0) return covered;
    const reasons = [...new Set(checks.map((check) => check.scope))];
    return [
      {
        slo,
        source: '',
        scope: reasons.length > 0 ? reasons.join('; ') : 'no results for its service',
        verdict: 'not-covered' as const,
        notes: [],
        explain: [],
      },
    ];
  });
}

/** The number an SLO check compares with: the latency threshold, else the target value. */
export function targetOf(slo: Slo): { value: number; operator: Slo['target']['operator']; unit?: string } {
  if (slo.indicator.kind === 'latency') {
    return { value: slo.indicator.thresholdMs, operator: slo.target.operator, unit: 'ms' };
  }
  return {
    value: slo.target.value,
    operator: slo.target.operator,
    ...(slo.target.unit === undefined ? {} : { unit: slo.target.unit }),
  };
}

/** Checks as rows in `perfgate slo check --json` form, with the target (what the report reads). */
export function sloCheckRows(checks: readonly SloCheck[]): Record<string, unknown>[] {
  return checks.map(({ slo, ...rest }) => ({
    slo: slo.name,
    service: slo.service,
    ...rest,
    target: targetOf(slo),
  }));
}

/** "p95 612 ms > 300 ms" — why a check failed, for the console, the report and notifications. */
export function describeCheck(check: SloCheck): string {
  const target = targetOf(check.slo);
  const unit = target.unit === undefined ? '' : ` ${target.unit}`;
  if (check.verdict === 'no-data') return `no data (${check.notes[0] ?? check.scope})`;
  if (check.verdict === 'not-covered') return `not covered (${check.scope})`;
  const measured = check.measured;
  if (measured === undefined) return check.verdict;
  const shown = `${measured.label} ${formatNumber(measured.value)}${measured.unit ? ` ${measured.unit}` : ''}`;
  const relation = check.verdict === 'pass' ? target.operator : negate(target.operator);
  return `${shown} ${relation} ${formatNumber(target.value)}${unit}`;
}

const NEGATED = { '<=': '>', '<': '>=', '>=': '<', '>': '<=' } as const;
const negate = (operator: Slo['target']['operator']) => NEGATED[operator];

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}
