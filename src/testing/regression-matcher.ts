/**
 * `expect(benchResults).toHaveNoRegression()`: no benchmark regressed against its baseline.
 * Reads the verdicts perfgate bench already judged (per-process medians, Mann–Whitney, bootstrap
 * CI, multiple-testing control): a results document (`perfgate bench -o`, a run's bench.json),
 * one benchmark of it, or a run report. A single `framework.benchmark(...)` result has no
 * baseline of its own: pass `{ baseline }` (the baseline's median in ns, or an earlier result)
 * and it is compared by median against `threshold` percent (default 10), which is a plain
 * comparison, not a significance test.
 */
import { formatJudgement, formatValue, isObject, type Judgement, type MatcherResult } from './judgement.js';

export type Severity = 'minor' | 'major' | 'critical';

export interface NoRegressionOptions {
  /** The least severe regression that fails the matcher (default minor: any regression). */
  severity?: Severity;
  /** For a single benchmark result: the baseline median (ns) or an earlier result. */
  baseline?: number | { median: number };
  /** For a single benchmark result: the slowdown in percent that counts as a regression (default 10). */
  threshold?: number;
}

const SEVERITY_RANK: Record<Severity, number> = { minor: 0, major: 1, critical: 2 };
export const DEFAULT_MEDIAN_THRESHOLD_PCT = 10;

const ns = (value: number) =>
  value >= 1e6
    ? formatValue(value / 1e6, 'ms')
    : value >= 1e3
      ? formatValue(value / 1e3, 'µs')
      : formatValue(value, 'ns');
const pct = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;

/** A benchmark of `perfgate bench` results (verdict already judged). */
function fromReport(bench: Record<string, unknown>, id: string, worst: number): Judgement {
  const verdict = isObject(bench.verdict) ? bench.verdict : {};
  const comparison = isObject(bench.comparison) ? bench.comparison : undefined;
  const ratio = isObject(comparison?.ratio) ? comparison.ratio : undefined;
  const base = isObject(bench.base) ? bench.base : undefined;
  const severity = verdict.severity as Severity | undefined;
  const regressed = verdict.kind === 'regression' && SEVERITY_RANK[severity ?? 'minor'] >= worst;
  const change = typeof comparison?.changePct === 'number' ? comparison.changePct : undefined;
  const ci =
    typeof ratio?.lower === 'number' && typeof ratio.upper === 'number'
      ? `, 95 % CI [${pct((ratio.lower - 1) * 100)}, ${pct((ratio.upper - 1) * 100)}]`
      : '';
  return {
    subject: id,
    passed: !regressed,
    covered: verdict.kind !== 'new',
    ...(change === undefined
      ? {}
      : { measured: `${pct(change)} (${String(verdict.kind)}${severity ? `, ${severity}` : ''}${ci})` }),
    ...(typeof bench.median === 'number' && typeof base?.median === 'number'
      ? { where: `median ${ns(bench.median)} vs baseline ${ns(base.median)}` }
      : {}),
    ...(verdict.kind === 'new' ? { detail: 'no baseline yet: nothing to compare' } : {}),
  };
}

/** A run report's benchmark row: `{ name, verdict, severity, change (fraction) }`. */
function fromReportRow(row: Record<string, unknown>, worst: number): Judgement {
  const severity = row.severity as Severity | undefined;
  const regressed = row.verdict === 'regression' && SEVERITY_RANK[severity ?? 'minor'] >= worst;
  return {
    subject: String(row.suite ? `${row.suite} › ${row.name}` : row.name),
    passed: !regressed,
    covered: row.verdict !== 'new',
    ...(typeof row.change === 'number'
      ? { measured: `${pct(row.change * 100)} (${String(row.verdict)}${severity ? `, ${severity}` : ''})` }
      : {}),
  };
}

function fromSingle(result: Record<string, unknown>, options: NoRegressionOptions): Judgement | string {
  if (options.baseline === undefined) {
    return 'a single benchmark result has no baseline: pass { baseline } or check `perfgate bench` results';
  }
  const baseline = typeof options.baseline === 'number' ? options.baseline : options.baseline.median;
  const median = Number(result.median);
  const change = (median / baseline - 1) * 100;
  const threshold = options.threshold ?? DEFAULT_MEDIAN_THRESHOLD_PCT;
  return {
    subject: String(result.name ?? 'benchmark'),
    passed: change <= threshold,
    covered: true,
    measured: `${pct(change)} (median ${ns(median)} vs baseline ${ns(baseline)})`,
    target: `at most ${pct(threshold)} slower (medians compared, no significance test)`,
  };
}

function judge(received: unknown, options: NoRegressionOptions): Judgement[] | string {
  const worst = SEVERITY_RANK[options.severity ?? 'minor'];
  if (!isObject(received)) return 'expected benchmark results (an object)';
  if (Array.isArray(received.suites)) {
    return received.suites
      .filter(isObject)
      .flatMap((suite) =>
        (Array.isArray(suite.benchmarks) ? suite.benchmarks : [])
          .filter(isObject)
          .map((bench) => fromReport(bench, `${String(suite.name)} › ${String(bench.name)}`, worst)),
      );
  }
  if (Array.isArray(received.benchmarks) && 'verdict' in received) {
    return received.benchmarks.filter(isObject).map((row) => fromReportRow(row, worst));
  }
  if (isObject(received.verdict)) return [fromReport(received, String(received.name), worst)];
  if (typeof received.median === 'number') {
    const single = fromSingle(received, options);
    return typeof single === 'string' ? single : [single];
  }
  return 'expected perfgate bench results, a benchmark of them, a run report or a benchmark result';
}

export function toHaveNoRegression(received: unknown, options: NoRegressionOptions = {}): MatcherResult {
  const judged = judge(received, options);
  if (typeof judged === 'string')
    return { pass: false, message: () => `expected no regression, but ${judged}` };
  const regressed = judged.filter((judgement) => !judgement.passed);
  if (regressed.length === 0) {
    const compared = judged.filter((judgement) => judgement.covered).length;
    return {
      pass: true,
      message: () =>
        `expected a regression, but none of ${judged.length} benchmarks regressed (${compared} had a baseline):\n${judged.map(formatJudgement).join('\n')}`,
    };
  }
  return {
    pass: false,
    message: () =>
      `expected no regression, but ${regressed.length} of ${judged.length} benchmarks regressed:\n${regressed.map(formatJudgement).join('\n')}`,
  };
}
