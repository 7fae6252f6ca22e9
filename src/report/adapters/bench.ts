/**
 * Benchmark results (`perfgate bench -o`) → Benchmark rows and their gates. What is read, per
 * entry of `benchmarks[]` (or `results[]`):
 * - `name`, `suite` | `file`, `unit` (default "ns");
 * - `stats` (or the entry itself): `median`, `ci: { low, high }` | `ci: [low, high]` |
 *   `ciLow`/`ciHigh`, `p95`, `p99`, `samples` | `n`, and `min`, `p25`, `p75`, `max` for the distribution;
 * - `baseline: { median, ci… }`, `change` | `ratio` (ratio 1.1 = change 0.1);
 * - `verdict`: improved | unchanged | inconclusive | new | regression (with `severity`), also
 *   written `regression-major` / `regression:major`; `passed` (boolean) decides the gate when
 *   present, else only a critical regression fails it (DESIGN.md's exit-code contract).
 */
import type { Benchmark, Gate, ReportPart } from '../model.js';
import { BENCHMARK_VERDICTS, emptyPart, REGRESSION_SEVERITIES } from '../model.js';
import {
  arrayAt,
  booleanAt,
  firstNumber,
  firstString,
  isObject,
  type JsonObject,
  numberAt,
  objectAt,
  stringAt,
} from './json-fields.js';

export const DEFAULT_BENCH_UNIT = 'ns';
const DISTRIBUTION_KEYS: readonly [string, number][] = [
  ['min', 0],
  ['p25', 0.25],
  ['median', 0.5],
  ['p75', 0.75],
  ['p95', 0.95],
  ['p99', 0.99],
  ['max', 1],
];

export function isBenchResults(json: unknown): boolean {
  return isObject(json) && (Array.isArray(json.benchmarks) || stringAt(json, 'kind') === 'bench');
}

export function adaptBenchResults(json: unknown, source: string): ReportPart {
  const part = emptyPart();
  const entries = [...arrayAt(json, 'benchmarks'), ...arrayAt(json, 'results')].filter(isObject);
  for (const entry of entries) {
    const benchmark = toBenchmark(entry);
    if (benchmark === undefined) {
      part.warnings.push(`${source}: a benchmark without a median was skipped`);
      continue;
    }
    part.benchmarks.push(benchmark);
    part.gates.push(benchmarkGate(benchmark, booleanAt(entry, 'passed')));
  }
  return part;
}

function ciBounds(stats: JsonObject): [number | undefined, number | undefined] {
  const ci = stats.ci;
  if (Array.isArray(ci) && typeof ci[0] === 'number' && typeof ci[1] === 'number') return [ci[0], ci[1]];
  return [
    numberAt(ci, 'low') ?? numberAt(ci, 'lower') ?? numberAt(stats, 'ciLow'),
    numberAt(ci, 'high') ?? numberAt(ci, 'upper') ?? numberAt(stats, 'ciHigh'),
  ];
}

function toBenchmark(entry: JsonObject): Benchmark | undefined {
  const stats = objectAt(entry, 'stats') ?? entry;
  const median = firstNumber(stats, ['median', 'p50']);
  if (median === undefined) return undefined;
  const [ciLow, ciHigh] = ciBounds(stats);
  const baselineJson = objectAt(entry, 'baseline');
  const baselineStats = objectAt(baselineJson, 'stats') ?? baselineJson;
  const baselineMedian = firstNumber(baselineStats, ['median', 'p50']);
  const [baseLow, baseHigh] = baselineStats === undefined ? [undefined, undefined] : ciBounds(baselineStats);
  const ratio = numberAt(entry, 'ratio');
  const change =
    numberAt(entry, 'change') ??
    (ratio === undefined ? undefined : ratio - 1) ??
    (baselineMedian ? (median - baselineMedian) / baselineMedian : undefined);
  const { verdict, severity } = parseVerdict(entry);
  return {
    name: firstString(entry, ['name', 'id']) ?? '(unnamed)',
    suite: firstString(entry, ['suite', 'file', 'group']),
    unit: stringAt(entry, 'unit') ?? stringAt(stats, 'unit') ?? DEFAULT_BENCH_UNIT,
    median,
    ciLow,
    ciHigh,
    p95: numberAt(stats, 'p95'),
    p99: numberAt(stats, 'p99'),
    samples: firstNumber(stats, ['samples', 'n', 'count']),
    baseline:
      baselineMedian === undefined ? undefined : { median: baselineMedian, ciLow: baseLow, ciHigh: baseHigh },
    change,
    verdict: baselineMedian === undefined && verdict === 'inconclusive' ? 'new' : verdict,
    severity,
    distribution: DISTRIBUTION_KEYS.flatMap(([key, quantile]) => {
      const value = numberAt(stats, key);
      return value === undefined ? [] : [{ quantile, value }];
    }),
  };
}

type Verdict = Pick<Benchmark, 'verdict' | 'severity'>;

function parseVerdict(entry: JsonObject): Verdict {
  const verdictObject = objectAt(entry, 'verdict');
  const raw = (stringAt(entry, 'verdict') ?? stringAt(verdictObject, 'kind') ?? '').toLowerCase();
  const [word = '', suffix] = raw.split(/[\s:_-]+/);
  const severityText = (suffix ?? stringAt(entry, 'severity') ?? stringAt(verdictObject, 'severity') ?? '')
    .toLowerCase()
    .trim();
  const verdict = (BENCHMARK_VERDICTS as readonly string[]).includes(word)
    ? (word as Benchmark['verdict'])
    : 'inconclusive';
  const severity = (REGRESSION_SEVERITIES as readonly string[]).includes(severityText)
    ? (severityText as Benchmark['severity'])
    : undefined;
  return { verdict, severity: verdict === 'regression' ? (severity ?? 'minor') : undefined };
}

function benchmarkGate(benchmark: Benchmark, passed: boolean | undefined): Gate {
  const failed = passed === undefined ? benchmark.severity === 'critical' : !passed;
  const verdictText =
    benchmark.verdict === 'regression' ? `${benchmark.severity} regression` : benchmark.verdict;
  return {
    kind: 'benchmark',
    name: benchmark.suite === undefined ? benchmark.name : `${benchmark.suite} › ${benchmark.name}`,
    source: benchmark.suite,
    status: failed ? 'failed' : 'passed',
    measured: benchmark.median,
    unit: benchmark.unit,
    target:
      benchmark.baseline === undefined
        ? 'no baseline'
        : `baseline median ${benchmark.baseline.median} ${benchmark.unit}, no critical regression`,
    message: verdictText,
  };
}
