/**
 * The compliance gate: every SLO against finished results. Verdicts: `pass`, `fail` (the measured
 * value misses the target), `no-data` (the scope saw no traffic: never counted as good) and
 * `not-covered` (the results do not contain what the SLO judges).
 */

import type {
  BenchEvidence,
  BenchmarkEvidence,
  Evidence,
  LoadEvidence,
  RequestEvidence,
} from '../evidence/types.js';
import { hasBudget, type Operator, type Slo } from '../model.js';
import { type BudgetTerms, budgetTerms, type ExplainLine, explainBudget } from './budget-terms.js';
import { type Measured, type Measurement, measureLatency, measureRatio } from './measure.js';
import { selectScope } from './scope.js';

export type Verdict = 'pass' | 'fail' | 'no-data' | 'not-covered';

export type { Measured } from './measure.js';

export interface SloCheck {
  slo: Slo;
  source: string;
  scope: string;
  verdict: Verdict;
  measured?: Measured;
  budget?: BudgetTerms;
  notes: string[];
  explain: ExplainLine[];
  /**
   * A distributed run's regions judged one by one, beside the whole (shown, not gated: an SLO
   * gates one region only when its `sli.region` names it).
   */
  regions?: { region: string; verdict: Verdict; measured?: Measured }[];
}

export function meets(value: number, operator: Operator, target: number): boolean {
  switch (operator) {
    case '<=':
      return value <= target;
    case '<':
      return value < target;
    case '>=':
      return value >= target;
    case '>':
      return value > target;
  }
}

function measureRequests(slo: Slo, requests: RequestEvidence, evidence: LoadEvidence): Measurement | string {
  const { indicator } = slo;
  const notes: string[] = [];
  if (indicator.kind === 'ratio') return measureRatio(indicator, requests);
  if (indicator.kind === 'latency') return measureLatency(indicator, slo.target.operator, requests);
  if (indicator.kind === 'throughput') {
    if (evidence.durationMs === undefined) return 'the run duration is unknown';
    const value = requests.requests / (evidence.durationMs / 1_000);
    const explain = [
      {
        name: 'throughput',
        formula: `requests / d = ${requests.requests} / ${evidence.durationMs / 1_000}s`,
        value: `${value} rps`,
      },
    ];
    return { measured: { label: 'throughput', value, unit: 'rps' }, notes, explain };
  }
  return indicator.kind === 'gauge'
    ? 'gauge SLOs are judged live (slo rules, monitor), not from test results'
    : 'memory SLOs judge benchmark results';
}

/**
 * Pass when the measured value meets the target and, for latency, enough requests were good:
 * fast AND not failed (a service answering only errors fails its latency SLO however fast).
 */
function verdictOf(slo: Slo, partial: Measurement): { verdict: Verdict; formula: string } {
  const { measured, counts, goodShareFloor } = partial;
  const target = slo.indicator.kind === 'latency' ? slo.indicator.thresholdMs : slo.target.value;
  const valueFormula = `${measured?.label ?? 'value'} ${slo.target.operator} ${target}`;
  if (measured === undefined && counts === undefined) return { verdict: 'no-data', formula: valueFormula };
  const valueOk = measured === undefined || meets(measured.value, slo.target.operator, target);
  if (goodShareFloor === undefined || counts === undefined) {
    return { verdict: valueOk ? 'pass' : 'fail', formula: valueFormula };
  }
  const good = counts.total === 0 ? 0 : 1 - counts.bad / counts.total;
  const goodOk = good >= goodShareFloor - 1e-12;
  const formula = `${valueFormula} and good share 1 − bad / total = ${Number((good * 100).toPrecision(6))} % >= ${Number((goodShareFloor * 100).toPrecision(6))} %`;
  return { verdict: valueOk && goodOk ? 'pass' : 'fail', formula };
}

function finish(
  slo: Slo,
  source: string,
  scope: string,
  partial: Measurement,
  durationMs: number | undefined,
): SloCheck {
  const { measured, counts } = partial;
  const explain = [...partial.explain];
  let budget: BudgetTerms | undefined;
  if (hasBudget(slo) && counts !== undefined) {
    budget = budgetTerms(slo, counts, durationMs);
    explain.push(...explainBudget(slo, budget, durationMs));
  }
  const { verdict, formula } = verdictOf(slo, partial);
  explain.push({ name: 'verdict', formula, value: verdict });
  const check: SloCheck = { slo, source, scope, verdict, notes: partial.notes, explain };
  if (measured !== undefined) check.measured = measured;
  if (budget !== undefined) check.budget = budget;
  return check;
}

function checkLoad(slo: Slo, evidence: LoadEvidence): SloCheck {
  const check = checkLoadScope(slo, evidence);
  const names = Object.keys(evidence.regions ?? {});
  if (slo.scope.region !== undefined || names.length === 0 || check.verdict === 'not-covered') return check;
  const regions = names.map((region) => {
    const { verdict, measured } = checkLoadScope({ ...slo, scope: { ...slo.scope, region } }, evidence);
    return { region, verdict, ...(measured === undefined ? {} : { measured }) };
  });
  return { ...check, regions };
}

function checkLoadScope(slo: Slo, evidence: LoadEvidence): SloCheck {
  const match = selectScope(slo.scope, evidence);
  const base = { slo, source: evidence.source, notes: [], explain: [] };
  if (match.state === 'not-covered') return { ...base, scope: match.reason, verdict: 'not-covered' };
  const result = measureRequests(slo, match.requests, evidence);
  if (typeof result === 'string') {
    const covered = slo.indicator.kind !== 'memory' && slo.indicator.kind !== 'gauge';
    return { ...base, scope: match.label, verdict: covered ? 'no-data' : 'not-covered', notes: [result] };
  }
  const partial = {
    ...result,
    notes: [...match.notes, ...result.notes, ...(result.counts?.approximate ? evidence.notes : [])],
  };
  return finish(slo, evidence.source, match.label, partial, evidence.durationMs);
}

function benchmarkValue(slo: Slo, benchmark: BenchmarkEvidence): Measured | undefined {
  const { indicator } = slo;
  if (indicator.kind === 'latency') {
    const key = `p${indicator.percentile}`;
    const value = benchmark.stats[key] ?? (indicator.percentile === 50 ? benchmark.stats.median : undefined);
    return value === undefined ? undefined : { label: key, value, unit: 'ms' };
  }
  if (indicator.kind === 'memory') {
    const bytes = {
      heapDelta: benchmark.memory?.heapDeltaBytes,
      heapUsed: benchmark.memory?.heapUsedBytes,
      rss: benchmark.memory?.rssBytes,
    }[indicator.measure];
    const scale = slo.target.unit === 'MB' ? 1_048_576 : 1;
    return bytes === undefined
      ? undefined
      : { label: indicator.measure, value: bytes / scale, unit: slo.target.unit ?? 'bytes' };
  }
  if (indicator.kind === 'throughput' && benchmark.opsPerSecond !== undefined) {
    return { label: 'throughput', value: benchmark.opsPerSecond, unit: 'ops/s' };
  }
  return undefined;
}

function checkBench(slo: Slo, evidence: BenchEvidence): SloCheck {
  const base = { slo, source: evidence.source, notes: [], explain: [] };
  const name = slo.scope.benchmark;
  const benchmark = evidence.benchmarks.find((entry) => entry.name === name);
  if (name === undefined || benchmark === undefined) {
    return {
      ...base,
      scope: name === undefined ? 'judges load tests' : `no benchmark "${name}"`,
      verdict: 'not-covered',
    };
  }
  const measured = benchmarkValue(slo, benchmark);
  const notes =
    measured === undefined
      ? [`benchmark "${name}" has no ${slo.indicator.kind} value`]
      : ['no budget terms for benchmarks (no event counts)'];
  const explain =
    measured === undefined
      ? []
      : [{ name: measured.label, formula: `benchmark ${name}`, value: `${measured.value} ${measured.unit}` }];
  return finish(
    slo,
    evidence.source,
    `benchmark ${name}`,
    { ...(measured ? { measured } : {}), notes, explain },
    undefined,
  );
}

/** One SLO against one result. */
export function checkSlo(slo: Slo, evidence: Evidence): SloCheck {
  return evidence.kind === 'load' ? checkLoad(slo, evidence) : checkBench(slo, evidence);
}

/** Every SLO against every result; a gate fails when any check is `fail` or `no-data`. */
export function checkAll(slos: readonly Slo[], evidence: readonly Evidence[]): SloCheck[] {
  return evidence.flatMap((result) => slos.map((slo) => checkSlo(slo, result)));
}

export function gatePassed(checks: readonly SloCheck[]): boolean {
  return checks.every((check) => check.verdict === 'pass' || check.verdict === 'not-covered');
}
