import type { HistogramSummary } from '../../stats/hdr.js';
import type { EnsureSpec } from '../script/model.js';
import { compileExpression } from './expression.js';

/** Artillery's summary of a histogram, in ms (the shape `src/stats/hdr.ts` produces). */
export type MetricSummary = HistogramSummary;

/** The part of an Artillery-style aggregate that `ensure` reads. */
export interface EnsureAggregate {
  readonly counters: Readonly<Record<string, number>>;
  readonly rates?: Readonly<Record<string, number>>;
  readonly summaries: Readonly<Record<string, Partial<MetricSummary>>>;
}

export interface EnsureVerdict {
  readonly kind: 'threshold' | 'condition' | 'maxErrorRate' | 'legacy' | 'expect';
  /** As Artillery prints it: `http.response_time.p99 < 250`, `maxErrorRate < 1`, the condition text. */
  readonly expression: string;
  /** The measured value (thresholds, legacy, maxErrorRate); undefined when there was no data. */
  readonly measured?: number;
  readonly limit?: number;
  /** Values of every metric a condition names (undefined: no data). */
  readonly values: Readonly<Record<string, number | undefined>>;
  /** A non-strict condition that fails is reported but does not fail the run. */
  readonly strict: boolean;
  readonly passed: boolean;
  /** Why it failed, when the data could not decide it (missing metric, bad expression). */
  readonly note?: string;
}

/** Counters, rates and `<summary>.<stat>` in one flat map, as Artillery's ensure plugin sees them. */
export function flattenAggregate(aggregate: EnsureAggregate): Map<string, number> {
  const flat = new Map<string, number>();
  for (const [name, value] of Object.entries(aggregate.counters)) flat.set(name, value);
  for (const [name, value] of Object.entries(aggregate.rates ?? {})) flat.set(name, value);
  for (const [name, summary] of Object.entries(aggregate.summaries)) {
    for (const [stat, value] of Object.entries(summary)) {
      if (typeof value === 'number') flat.set(`${name}.${stat}`, value);
    }
  }
  return flat;
}

/** Evaluates every check of `spec` on the aggregate; pure, so `merge` re-runs it on merged data. */
export function evaluateEnsure(spec: EnsureSpec, aggregate: EnsureAggregate): EnsureVerdict[] {
  const flat = flattenAggregate(aggregate);
  const verdicts: EnsureVerdict[] = [];
  for (const { metric, limit } of spec.thresholds) {
    verdicts.push(lessThan('threshold', metric, `${metric} < ${limit}`, limit, flat));
  }
  for (const { expression, strict } of spec.conditions) verdicts.push(condition(expression, strict, flat));
  for (const { stat, limit } of spec.legacy) {
    verdicts.push(lessThan('legacy', `http.response_time.${stat}`, `${stat} < ${limit}`, limit, flat));
  }
  if (spec.maxErrorRate !== undefined) verdicts.push(maxErrorRate(spec.maxErrorRate, flat));
  if (spec.expectations === true) verdicts.push(expectations(flat));
  return verdicts;
}

/**
 * The expect plugin's checks: like Artillery (which then exits 21), any failed check fails the
 * run; perfgate says so with its gate-failed exit code, 1.
 */
function expectations(flat: Map<string, number>): EnsureVerdict {
  const failed = flat.get(EXPECT_FAILED) ?? 0;
  return {
    kind: 'expect',
    expression: `${EXPECT_FAILED} == 0`,
    measured: failed,
    limit: 0,
    values: { [EXPECT_FAILED]: failed, [EXPECT_OK]: flat.get(EXPECT_OK) ?? 0 },
    strict: true,
    passed: failed === 0,
  };
}

const EXPECT_FAILED = 'plugins.expect.failed';
const EXPECT_OK = 'plugins.expect.ok';

/** True when no strict check failed. */
export function ensurePassed(verdicts: readonly EnsureVerdict[]): boolean {
  return verdicts.every((verdict) => verdict.passed || !verdict.strict);
}

function lessThan(
  kind: 'threshold' | 'legacy',
  metric: string,
  expression: string,
  limit: number,
  flat: Map<string, number>,
): EnsureVerdict {
  const measured = flat.get(metric);
  const values = { [metric]: measured };
  if (measured === undefined) {
    return { kind, expression, limit, values, strict: true, passed: false, note: `no data for ${metric}` };
  }
  return { kind, expression, measured, limit, values, strict: true, passed: measured < limit };
}

function condition(expression: string, strict: boolean, flat: Map<string, number>): EnsureVerdict {
  const compiled = compileExpression(expression);
  if (compiled.state === 'invalid') {
    return { kind: 'condition', expression, values: {}, strict, passed: false, note: compiled.message };
  }
  const values: Record<string, number | undefined> = {};
  for (const symbol of compiled.symbols) values[symbol] = flat.get(symbol);
  const passed = Boolean(compiled.evaluate((name) => flat.get(name)));
  const missing = compiled.symbols.filter((symbol) => !flat.has(symbol));
  const note = !passed && missing.length > 0 ? `no data for ${missing.join(', ')}` : undefined;
  return { kind: 'condition', expression, values, strict, passed, ...(note === undefined ? {} : { note }) };
}

/** Artillery's definition: the share of VUs that did not complete, in percent. */
function maxErrorRate(limit: number, flat: Map<string, number>): EnsureVerdict {
  const created = flat.get('vusers.created') ?? 0;
  const completed = flat.get('vusers.completed') ?? 0;
  const values = { 'vusers.created': created, 'vusers.completed': completed };
  const expression = `maxErrorRate < ${limit}`;
  if (created === 0) {
    return {
      kind: 'maxErrorRate',
      expression,
      limit,
      values,
      strict: true,
      passed: false,
      note: 'no VUs were created',
    };
  }
  const measured = ((created - completed) / created) * 100;
  return {
    kind: 'maxErrorRate',
    expression,
    measured,
    limit,
    values,
    strict: true,
    passed: measured <= limit,
  };
}
