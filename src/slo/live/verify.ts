/**
 * `perfgate slo verify`: asks a live Prometheus whether every SLI query returns data, and when one
 * does not, why: its metric has no series at all (a typo, or not scraped), or no series match its
 * labels. A typo must never read as "0 % errors": rules treat an empty bad-events query as zero, so
 * this is where a misspelt one is caught.
 */
import type { BudgetSlo, PrometheusSource } from '../model.js';
import type { PrometheusQuerier } from '../prometheus/client.js';
import { vectorSelectors } from '../promql/selectors.js';
import { fillWindow } from '../promql/window.js';
import { numericLabelMatcher } from '../rules/promql.js';

export interface QueryPart {
  /** Which part of the SLI: `bad`, `good`, `total`, `errorRatio`, `buckets`, `count`, `query`. */
  part: string;
  expr: string;
  /** An empty answer is normal for this part when nothing bad happened (bad events). */
  emptyMeansZero: boolean;
}

export type PartVerdict =
  | { state: 'ok'; series: number }
  | { state: 'empty-ok'; reason: string }
  | { state: 'no-data'; reason: string }
  | { state: 'errored'; reason: string };

export interface PartReport extends QueryPart {
  verdict: PartVerdict;
}

export interface SloVerification {
  slo: BudgetSlo;
  parts: PartReport[];
  /** True when every part returned data (or may be empty). */
  ok: boolean;
}

/** The queries an SLI reads, each with the window filled in. */
export function queryParts(source: PrometheusSource, window: string): QueryPart[] {
  switch (source.kind) {
    case 'ratio':
      return [
        {
          part: source.events,
          expr: fillWindow(source.eventsQuery, window).trim(),
          emptyMeansZero: source.events === 'bad',
        },
        { part: 'total', expr: fillWindow(source.totalQuery, window).trim(), emptyMeansZero: false },
      ];
    case 'error-ratio':
      return [{ part: 'errorRatio', expr: fillWindow(source.query, window).trim(), emptyMeansZero: false }];
    case 'gauge':
      return [{ part: 'query', expr: source.query.trim(), emptyMeansZero: false }];
    case 'histogram': {
      const selector = source.selector === '' ? '' : `${source.selector},`;
      return [
        {
          part: 'count',
          expr: `sum(rate(${source.metric}_count{${source.selector}}[${window}]))`,
          emptyMeansZero: false,
        },
        {
          part: `bucket le=${source.le}`,
          expr: `sum(rate(${source.metric}_bucket{${selector}${numericLabelMatcher('le', source.le)}}[${window}]))`,
          emptyMeansZero: false,
        },
      ];
    }
  }
}

/** Why `expr` is empty: the first selector whose metric has no series, or whose labels match none. */
async function diagnose(
  querier: PrometheusQuerier,
  expr: string,
  lookback: string,
  atMs: number,
): Promise<string> {
  for (const selector of vectorSelectors(expr)) {
    if (selector.metric === '') continue;
    const metric = await querier.query(
      `count(count_over_time({__name__=${JSON.stringify(selector.metric)}}[${lookback}]))`,
      atMs,
    );
    if (metric.state === 'errored') return metric.error;
    if (metric.samples.length === 0) {
      return `metric ${selector.metric} has no series in the last ${lookback}: a typo, or it is not scraped`;
    }
    if (selector.matchers.length === 0) continue;
    const matched = await querier.query(`count(count_over_time(${selector.text}[${lookback}]))`, atMs);
    if (matched.state === 'errored') return matched.error;
    if (matched.samples.length === 0) {
      return `${selector.metric} exists, but no series match ${selector.text} in the last ${lookback}${await labelHint(querier, selector, lookback, atMs)}`;
    }
  }
  return `it returns nothing at the moment, though its series exist (no traffic in the window?)`;
}

/** The values the first matched label really has, to point at a misspelt one. */
async function labelHint(
  querier: PrometheusQuerier,
  selector: ReturnType<typeof vectorSelectors>[number],
  lookback: string,
  atMs: number,
): Promise<string> {
  const [matcher] = selector.matchers;
  if (matcher === undefined) return '';
  const values = await querier.query(
    `count by (${matcher.name}) (count_over_time(${selector.metric}[${lookback}]))`,
    atMs,
  );
  if (values.state === 'errored') return '';
  const seen = values.samples
    .map((sample) => sample.labels[matcher.name] ?? '')
    .filter((value) => value !== '');
  if (seen.length === 0) return `; ${selector.metric} has no label ${matcher.name}`;
  return `; ${matcher.name} is one of ${seen
    .slice(0, 10)
    .map((value) => JSON.stringify(value))
    .join(', ')}${seen.length > 10 ? ', …' : ''}`;
}

async function verifyPart(
  querier: PrometheusQuerier,
  part: QueryPart,
  lookback: string,
  atMs: number,
): Promise<PartVerdict> {
  const result = await querier.query(part.expr, atMs);
  if (result.state === 'errored') return { state: 'errored', reason: result.error };
  if (result.samples.length > 0) return { state: 'ok', series: result.samples.length };
  const reason = await diagnose(querier, part.expr, lookback, atMs);
  // A counter of failures may not exist yet when nothing failed; a metric nobody exports is a typo.
  if (part.emptyMeansZero && !reason.startsWith('metric ')) {
    return { state: 'empty-ok', reason: `no bad events: the rules read it as 0 % (${reason})` };
  }
  return { state: 'no-data', reason };
}

/** Checks every SLI query of `slo` at `atMs` over `window`; series are looked for over `lookback`. */
export async function verifySlo(
  querier: PrometheusQuerier,
  slo: BudgetSlo,
  options: { atMs: number; window: string; lookback: string },
): Promise<SloVerification> {
  const source = slo.prometheus;
  if (source === undefined) return { slo, parts: [], ok: true };
  const parts: PartReport[] = [];
  for (const part of queryParts(source, options.window)) {
    parts.push({ ...part, verdict: await verifyPart(querier, part, options.lookback, options.atMs) });
  }
  const ok = parts.every((part) => part.verdict.state === 'ok' || part.verdict.state === 'empty-ok');
  return { slo, parts, ok };
}
