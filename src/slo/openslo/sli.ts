/**
 * One OpenSLO objective over its SLI as a perfgate `sli` + `slo`:
 * - ratioMetric (good/bad + total, or raw with rawType) → an availability SLI; `Timeslices` → a
 *   gauge of the slice's success ratio against `timeSliceTarget`; `RatioTimeslices` → the average
 *   of slice ratios as a raw error ratio;
 * - thresholdMetric on a histogram's `_bucket` series → a latency SLI in the histogram's unit
 *   (`lte` only: a bucket counts requests ≤ its bound, so `lt` is refused); on anything else → a
 *   gauge SLI, its value sampled at each evaluation and compared with `op value` exactly.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { parseDuration } from '../../core/duration.js';
import { vectorSelectors } from '../promql/selectors.js';
import { fillWindow, hasWindowPlaceholder } from '../promql/window.js';
import { promDuration } from '../rules/promql.js';
import { unitFromName } from '../spec/histogram.js';
import type { SloSpec } from '../spec.js';
import type { ObjectIndex } from './documents.js';
import { windowedEventQuery, windowedRatioQuery } from './query.js';
import { prometheusQuery } from './source.js';
import {
  isObject,
  type Json,
  note,
  numberAt,
  type OpenSloVersion,
  type Report,
  refuse,
  text,
} from './types.js';

export type SliPart = Pick<SloSpec, 'sli' | 'slo'>;

export interface ObjectiveContext {
  version: OpenSloVersion;
  index: ObjectIndex;
  report: Report;
  /** Where the SLI spec is, e.g. `spec.indicator.spec` or `SLI search (document 2).spec`. */
  sliField: string;
  /** Where the objective is, e.g. `spec.objectives[0]`. */
  objectiveField: string;
  /** Where the ratioMetric or thresholdMetric is (v1alpha keeps them apart from the SLI). */
  metricField: (kind: 'ratioMetric' | 'thresholdMetric') => string;
  method: 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
}

const OPERATORS: Readonly<Record<string, '<=' | '<' | '>=' | '>'>> = {
  lte: '<=',
  lt: '<',
  gte: '>=',
  gt: '>',
};
const round = (value: number): number => Number(value.toPrecision(12));

/** The objective as a percentage of good events (or samples), from target or targetPercent. */
export function targetPercent(objective: Json, context: ObjectiveContext): number | undefined {
  const percent =
    numberAt(objective.targetPercent) ??
    (numberAt(objective.target) === undefined ? undefined : (objective.target as number) * 100);
  if (percent === undefined || !(percent > 0 && percent <= 100)) {
    return refuse(
      context.report,
      `${context.objectiveField}.target`,
      'needs target in (0, 1] or targetPercent in (0, 100]',
    );
  }
  return round(percent);
}

function sliceWindow(objective: Json, context: ObjectiveContext): string | undefined {
  const raw = objective.timeSliceWindow;
  const ms =
    typeof raw === 'number' ? raw * 1_000 : typeof raw === 'string' ? parseDuration(raw, 's') : undefined;
  if (ms === undefined || ms < 1_000) {
    return refuse(
      context.report,
      `${context.objectiveField}.timeSliceWindow`,
      `${context.method} needs a timeSliceWindow such as 1m`,
    );
  }
  return promDuration(ms);
}

/** good / total (or 1 − bad / total, or the raw success ratio) over `window`, as PromQL. */
function successRatio(
  events: { good?: string; bad?: string; total?: string; success?: string },
  window: string,
): string {
  const fill = (query: string) => fillWindow(query, window).trim();
  if (events.success !== undefined) return fill(events.success);
  const total = `(${fill(events.total ?? '')})`;
  return events.good !== undefined
    ? `(${fill(events.good)}) / ${total}`
    : `1 - (${fill(events.bad ?? '')}) / ${total}`;
}

function ratioEvents(
  ratio: Json,
  context: ObjectiveContext,
): { good?: string; bad?: string; total?: string; success?: string } | undefined {
  const field = context.metricField('ratioMetric');
  const source = { version: context.version, index: context.index, report: context.report };
  if (ratio.raw !== undefined) {
    const rawType = text(ratio.rawType);
    if (rawType !== 'success' && rawType !== 'failure')
      return refuse(context.report, `${field}.rawType`, 'must be success or failure with raw');
    const query = prometheusQuery(ratio.raw, `${field}.raw`, source);
    if (query === undefined) return undefined;
    const windowed = windowedRatioQuery(query, `${field}.raw`, context.report);
    return { success: rawType === 'success' ? windowed : `1 - (${windowed})` };
  }
  const side = ratio.good !== undefined ? 'good' : 'bad';
  if (ratio.good !== undefined && ratio.bad !== undefined)
    return refuse(context.report, `${field}.bad`, 'give good or bad, not both');
  const counter = ratio.counter ?? ratio.incremental;
  if (counter === undefined)
    note(context.report, `${field}.counter`, 'not given: the queries are read as counters');
  const events = prometheusQuery(ratio[side], `${field}.${side}`, source);
  const total = prometheusQuery(ratio.total, `${field}.total`, source);
  if (events === undefined || total === undefined) return undefined;
  const isCounter = counter !== false;
  return {
    [side]: windowedEventQuery(events, isCounter, `${field}.${side}`, context.report),
    total: windowedEventQuery(total, isCounter, `${field}.total`, context.report),
  };
}

function ratioSli(ratio: Json, objective: Json, context: ObjectiveContext): SliPart | undefined {
  const events = ratioEvents(ratio, context);
  const percent = targetPercent(objective, context);
  if (events === undefined || percent === undefined) return undefined;
  const op = text(objective.op);
  if (op === 'lt' || op === 'lte') {
    return refuse(
      context.report,
      `${context.objectiveField}.op`,
      `${op} on a ratio: a ratio objective is a share of good events (gt or gte)`,
    );
  }
  const operator = op === 'gt' ? '>' : '>=';
  if (context.method === 'Occurrences') {
    const prometheus = events.success !== undefined ? { successRatio: events.success } : events;
    return { sli: { type: 'availability', prometheus }, slo: { target: percent, operator, unit: '%' } };
  }
  const window = sliceWindow(objective, context);
  if (window === undefined) return undefined;
  if (context.method === 'RatioTimeslices') {
    note(
      context.report,
      context.objectiveField,
      `RatioTimeslices: the SLI is the average of ${window} slice ratios`,
    );
    const query = `1 - avg_over_time((${successRatio(events, window)})[{{window}}:${window}])`;
    return {
      sli: { type: 'availability', prometheus: { errorRatio: query } },
      slo: { target: percent, operator, unit: '%' },
    };
  }
  const sliceTarget = numberAt(objective.timeSliceTarget);
  if (sliceTarget === undefined || !(sliceTarget > 0 && sliceTarget <= 1)) {
    return refuse(
      context.report,
      `${context.objectiveField}.timeSliceTarget`,
      'Timeslices needs a timeSliceTarget in (0, 1]',
    );
  }
  note(
    context.report,
    context.objectiveField,
    `Timeslices: every rule evaluation is a slice, good when the ${window} success ratio is >= ${sliceTarget}`,
  );
  return {
    sli: { type: 'gauge', percentile: percent, prometheus: { query: successRatio(events, window) } },
    slo: { target: sliceTarget, operator: '>=' },
  };
}

/** A bare selector of a classic histogram's buckets: its metric (without _bucket) and other matchers. */
function histogramOf(query: string): { metric: string; selector: string } | undefined {
  const top = parser.parse(query).topNode.firstChild;
  if (top?.type.name !== 'VectorSelector') return undefined;
  const [selector] = vectorSelectors(query);
  if (selector === undefined || !selector.metric.endsWith('_bucket')) return undefined;
  const matchers = selector.matchers.filter((matcher) => matcher.name !== 'le');
  return {
    metric: selector.metric.replace(/_bucket$/, ''),
    selector: matchers.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(','),
  };
}

function latencySli(
  histogram: { metric: string; selector: string },
  value: number,
  op: string,
  percent: number,
  context: ObjectiveContext,
): SliPart | undefined {
  const opField = `${context.objectiveField}.op`;
  if (op !== 'lte') {
    const why =
      op === 'lt'
        ? 'lt on a histogram cannot be counted exactly: a bucket counts requests ≤ its bound (le); write lte, or a bound just below'
        : `${op} on a histogram: a latency objective is an upper bound (lte)`;
    return refuse(context.report, opField, why);
  }
  if (context.method !== 'Occurrences')
    return refuse(
      context.report,
      'spec.budgetingMethod',
      `${context.method} on a histogram is not supported: use Occurrences`,
    );
  const named = unitFromName(histogram.metric);
  if (named === undefined)
    note(
      context.report,
      context.metricField('thresholdMetric'),
      `${histogram.metric} states no unit: value ${value} is read in seconds (Prometheus' convention)`,
    );
  const unit = named ?? 's';
  return {
    sli: {
      type: 'latency',
      percentile: percent,
      prometheus: {
        histogram: histogram.metric,
        unit,
        ...(histogram.selector === '' ? {} : { selector: histogram.selector }),
      },
    },
    slo: { target: value, operator: '<=', unit },
  };
}

function thresholdSli(threshold: Json, objective: Json, context: ObjectiveContext): SliPart | undefined {
  const query = prometheusQuery(threshold, context.metricField('thresholdMetric'), {
    version: context.version,
    index: context.index,
    report: context.report,
  });
  const percent = targetPercent(objective, context);
  const value = numberAt(objective.value);
  const op = text(objective.op) ?? '';
  if (value === undefined)
    refuse(
      context.report,
      `${context.objectiveField}.value`,
      'a thresholdMetric objective needs a numeric value',
    );
  if (OPERATORS[op] === undefined)
    refuse(
      context.report,
      `${context.objectiveField}.op`,
      'a thresholdMetric objective needs op lte, lt, gte or gt',
    );
  if (query === undefined || percent === undefined || value === undefined || OPERATORS[op] === undefined)
    return undefined;
  const histogram = histogramOf(query);
  if (histogram !== undefined) return latencySli(histogram, value, op, percent, context);
  if (context.method === 'RatioTimeslices')
    return refuse(context.report, 'spec.budgetingMethod', 'RatioTimeslices needs a ratioMetric');
  let sampled = query;
  if (hasWindowPlaceholder(query)) {
    if (context.method !== 'Timeslices')
      return refuse(
        context.report,
        context.metricField('thresholdMetric'),
        'a window placeholder in a threshold query needs Timeslices (the slice is the window)',
      );
    const window = sliceWindow(objective, context);
    if (window === undefined) return undefined;
    sampled = fillWindow(query, window);
  }
  note(
    context.report,
    context.objectiveField,
    `the value is sampled at every rule evaluation; ${percent} % of samples must be ${op} ${value}`,
  );
  return {
    sli: { type: 'gauge', percentile: percent, prometheus: { query: sampled } },
    slo: { target: value, operator: OPERATORS[op] },
  };
}

/** The perfgate SLI of one objective, or a refusal naming the field. */
export function sliOf(sliSpec: Json, objective: Json, context: ObjectiveContext): SliPart | undefined {
  if (isObject(sliSpec.ratioMetric)) return ratioSli(sliSpec.ratioMetric, objective, context);
  if (isObject(sliSpec.thresholdMetric)) return thresholdSli(sliSpec.thresholdMetric, objective, context);
  return refuse(context.report, context.sliField, 'needs ratioMetric or thresholdMetric');
}
