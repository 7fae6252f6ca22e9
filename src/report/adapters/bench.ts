/**
 * Benchmark results → Benchmark rows and their gates. Read as `perfgate bench -o` writes them
 * (src/bench/results-document.ts, schema/bench-results.schema.json, read 03:40 UTC):
 * `{ kind: 'perfgate-bench', suites: [{ name, benchmarks: [{ name, unit, median, ci: { lower, upper },
 * stats: { n, min, median, p75, p95, p99, max }, base: { median } | null,
 * comparison: { changePct } | null, verdict: { kind, severity? } }] }], gate: { failures: ['SUITE › NAME: …'] } }`.
 * Also accepted: a flat `benchmarks[]` with `suite`; `ci` as `{ low, high }` or `[low, high]`;
 * `baseline` for `base`; `change` (fraction) or `ratio`; verdict strings such as `regression-major`;
 * a per-benchmark `passed`. Without `gate` or `passed`, only a critical regression fails the gate
 * (DESIGN.md's exit-code contract).
 */
import { formatWithUnit } from '../format.js';
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
  return (
    isObject(json) &&
    (stringAt(json, 'kind') === 'perfgate-bench' ||
      Array.isArray(json.suites) ||
      Array.isArray(json.benchmarks))
  );
}

/** Every benchmark entry with the name of its suite. */
function entriesOf(json: unknown): { entry: JsonObject; suite: string | undefined }[] {
  const nested = arrayAt(json, 'suites')
    .filter(isObject)
    .flatMap((suite) =>
      arrayAt(suite, 'benchmarks')
        .filter(isObject)
        .map((entry) => ({ entry, suite: stringAt(suite, 'name') })),
    );
  const flat = arrayAt(json, 'benchmarks')
    .filter(isObject)
    .map((entry) => ({ entry, suite: firstString(entry, ['suite', 'file', 'group']) }));
  return [...nested, ...flat];
}

export function adaptBenchResults(json: unknown, source: string): ReportPart {
  const part = emptyPart();
  const gateFailures = arrayAt(objectAt(json, 'gate'), 'failures').filter((line) => typeof line === 'string');
  for (const { entry, suite } of entriesOf(json)) {
    const benchmark = toBenchmark(entry, suite);
    if (benchmark === undefined) {
      part.warnings.push(`${source}: a benchmark without a median was skipped`);
      continue;
    }
    part.benchmarks.push(benchmark);
    const id = benchmarkId(benchmark);
    const passed =
      booleanAt(entry, 'passed') ??
      (objectAt(json, 'gate') === undefined
        ? undefined
        : !gateFailures.some((line) => line.startsWith(`${id}:`)));
    part.gates.push(
      benchmarkGate(benchmark, passed, gatePolicy(json), wordsContext(entry), sampledMs(entry)),
    );
  }
  for (const suite of arrayAt(json, 'suites')) {
    for (const warning of arrayAt(suite, 'warnings')) {
      if (typeof warning === 'string')
        part.warnings.push(`${stringAt(suite, 'name') ?? 'bench'}: ${warning}`);
    }
  }
  return part;
}

/** "suite › name", as the bench gate names benchmarks. */
export function benchmarkId(benchmark: Pick<Benchmark, 'suite' | 'name'>): string {
  return benchmark.suite === undefined ? benchmark.name : `${benchmark.suite} › ${benchmark.name}`;
}

function ciBounds(stats: JsonObject): [number | undefined, number | undefined] {
  const ci = stats.ci;
  if (Array.isArray(ci) && typeof ci[0] === 'number' && typeof ci[1] === 'number') return [ci[0], ci[1]];
  return [
    numberAt(ci, 'low') ?? numberAt(ci, 'lower') ?? numberAt(stats, 'ciLow'),
    numberAt(ci, 'high') ?? numberAt(ci, 'upper') ?? numberAt(stats, 'ciHigh'),
  ];
}

function toBenchmark(entry: JsonObject, suite: string | undefined): Benchmark | undefined {
  const stats = objectAt(entry, 'stats') ?? entry;
  // The top-level median (of per-process medians) is the judged one; the pooled one is a fallback.
  const median = firstNumber(entry, ['median']) ?? firstNumber(stats, ['median', 'p50']);
  if (median === undefined) return undefined;
  const [ciLow, ciHigh] = entry.ci !== undefined ? ciBounds(entry) : ciBounds(stats);
  const baselineJson = objectAt(entry, 'base') ?? objectAt(entry, 'baseline');
  const baselineStats = objectAt(baselineJson, 'stats') ?? baselineJson;
  // perfgate bench stores the compared figure (`time`, the fastest process's 10th percentile) as the base.
  const baselineMedian = firstNumber(baselineStats, ['median', 'p50']) ?? numberAt(baselineJson, 'time');
  const [baseLow, baseHigh] = baselineStats === undefined ? [undefined, undefined] : ciBounds(baselineStats);
  const ratio = numberAt(entry, 'ratio');
  const changePct = numberAt(objectAt(entry, 'comparison'), 'changePct');
  const change =
    (changePct === undefined ? undefined : changePct / 100) ??
    numberAt(entry, 'change') ??
    (ratio === undefined ? undefined : ratio - 1) ??
    (baselineMedian ? (median - baselineMedian) / baselineMedian : undefined);
  const { verdict, severity } = parseVerdict(entry);
  const ratioCi = objectAt(objectAt(entry, 'comparison'), 'ratio');
  const [ratioLow, ratioHigh] = [numberAt(ratioCi, 'lower'), numberAt(ratioCi, 'upper')];
  return {
    name: firstString(entry, ['name', 'id']) ?? '(unnamed)',
    suite,
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
    ...(ratioLow === undefined || ratioHigh === undefined
      ? {}
      : { changeLow: ratioLow - 1, changeHigh: ratioHigh - 1 }),
    verdict: baselineMedian === undefined && verdict === 'inconclusive' ? 'new' : verdict,
    severity,
    ...verdictDetails(entry, verdict),
    distribution: DISTRIBUTION_KEYS.flatMap(([key, quantile]) => {
      const value = numberAt(stats, key);
      return value === undefined ? [] : [{ quantile, value }];
    }),
  };
}

type Verdict = Pick<Benchmark, 'verdict' | 'severity'>;

/** Why perfgate bench could not decide (a disturbed machine), or how it decided (instruction counts). */
function verdictDetails(
  entry: JsonObject,
  verdict: Benchmark['verdict'],
): Pick<Benchmark, 'reason' | 'settledBy'> {
  const disturbed =
    verdict === 'inconclusive' && stringAt(objectAt(entry, 'verdict'), 'reason') === 'disturbed';
  return {
    ...(disturbed ? { reason: 'disturbed' as const } : {}),
    ...(stringAt(entry, 'settledBy') === 'instructions' ? { settledBy: 'instructions' as const } : {}),
  };
}

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

/** The slowdowns that fail the gate, from the results' settings (DESIGN.md: critical, or over --threshold). */
function gatePolicy(json: unknown): string {
  const thresholds = objectAt(objectAt(json, 'settings'), 'thresholds');
  const critical = numberAt(thresholds, 'critical');
  const gate = numberAt(thresholds, 'gate');
  const limits = [critical, gate].filter((v): v is number => v !== undefined);
  if (limits.length === 0) return 'no critical regression';
  return `slowdown ≤ +${Math.min(...limits)} %`;
}

/** Time spent in measured samples (ms): samples × calls per sample × mean per call (ns). */
function sampledMs(entry: JsonObject): number | undefined {
  const stats = objectAt(entry, 'stats');
  const n = numberAt(stats, 'n');
  const mean = numberAt(stats, 'mean');
  if (n === undefined || mean === undefined) return undefined;
  return (n * (numberAt(entry, 'batchSize') ?? 1) * mean) / 1e6;
}

interface WordsContext {
  /** The compared figures, when the results name them (perfgate bench: `time` of both sides). */
  figures?: { now: number; base: number };
  belowThreshold: boolean;
}

/** What the words of a verdict need beyond the model: the compared figures, "below threshold". */
function wordsContext(entry: JsonObject): WordsContext {
  const now = numberAt(entry, 'time');
  const base = numberAt(objectAt(entry, 'base'), 'time');
  return {
    ...(now === undefined || base === undefined ? {} : { figures: { now, base } }),
    belowThreshold: objectAt(entry, 'verdict')?.belowThreshold === true,
  };
}

/** The verdict in words, generated from the verdict and the gate's outcome (never a fixed phrase). */
function verdictWords(b: Benchmark, failed: boolean, context: WordsContext): string {
  const { figures } = context;
  const base = figures
    ? `time ${formatWithUnit(figures.now, b.unit)} vs baseline ${formatWithUnit(figures.base, b.unit)} (fastest process, 10th percentile)`
    : b.baseline &&
      `median ${formatWithUnit(b.median, b.unit)} vs baseline ${formatWithUnit(b.baseline.median, b.unit)}`;
  // A verdict settled by instruction counts: the times compared are the disturbed machine's.
  const settled = b.settledBy === 'instructions' ? ' by instruction counts (the machine was disturbed)' : '';
  switch (b.verdict) {
    case 'regression':
      return `${b.severity ?? 'minor'} regression${settled}: ${base}; ${failed ? 'fails the gate' : 'reported, does not fail the gate'}`;
    case 'improved':
      return `improved${settled}: ${base}`;
    case 'unchanged':
      return context.belowThreshold
        ? `unchanged (below threshold): a change smaller than the minor threshold: ${base}`
        : `no significant change: ${base}`;
    case 'unstable':
      return `unstable: the processes settle in different speeds the two sides do not share${base ? `: ${base}` : ''}`;
    case 'new':
      return `no baseline yet: median ${formatWithUnit(b.median, b.unit)} becomes the baseline`;
    default:
      return b.reason === 'disturbed'
        ? `inconclusive: the machine was busier than in the baseline's session, so a slower machine cannot be told from slower code${base ? `: ${base}` : ''}`
        : `inconclusive, too noisy to decide${base ? `: ${base}` : ''}`;
  }
}

function benchmarkGate(
  benchmark: Benchmark,
  passed: boolean | undefined,
  policy: string,
  context: WordsContext,
  durationMs?: number,
): Gate {
  const failed = passed === undefined ? benchmark.severity === 'critical' : !passed;
  const judged = benchmark.baseline !== undefined && benchmark.change !== undefined;
  return {
    kind: 'benchmark',
    name: benchmarkId(benchmark),
    source: benchmark.suite,
    status: failed
      ? 'failed'
      : benchmark.verdict === 'inconclusive' || benchmark.verdict === 'unstable'
        ? 'inconclusive'
        : 'passed',
    // A comparison gate judges the change of the median; without a baseline only the median exists.
    measured: judged ? (benchmark.change as number) * 100 : benchmark.median,
    unit: judged ? '%' : benchmark.unit,
    metric: judged ? (context.figures ? 'change of the compared time' : 'median change') : 'median per call',
    target: judged ? policy : 'no baseline',
    message: verdictWords(benchmark, failed, context),
    ...(durationMs === undefined ? {} : { durationMs }),
  };
}
