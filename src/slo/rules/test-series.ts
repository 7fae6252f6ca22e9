/**
 * Synthetic input series for the generated promtool tests. Each SLO's PromQL is read as counters
 * selected by label matchers (`sum(rate(metric{…}[{{window}}]))`, or a histogram's `_count` and
 * `_bucket{le=…}`); the generator then invents one "good" and one "bad" series that the SLO's own
 * selectors split correctly, and evaluates every SLO against every series (two SLOs may share a metric).
 */
import { PerfgateError } from '../../core/errors.js';
import type { BudgetSlo, PrometheusSource } from '../model.js';
import { fillWindow } from '../promql/window.js';
import { labelValueSpellings, leLabel } from './promql.js';

export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface Selector {
  metric: string;
  matchers: Matcher[];
}

/** How an SLO's error ratio is read from counters: bad = Σ bad selectors, or total − Σ good. */
export interface SliCounters {
  events: 'good' | 'bad';
  eventSelector: Selector;
  totalSelector: Selector;
}

const MATCHER = /\s*([a-zA-Z_][\w]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*,?/y;

export function parseMatchers(text: string): Matcher[] {
  const matchers: Matcher[] = [];
  MATCHER.lastIndex = 0;
  for (let match = MATCHER.exec(text); match !== null; match = MATCHER.exec(text)) {
    matchers.push({ name: match[1] ?? '', op: match[2] as Matcher['op'], value: match[3] ?? '' });
    if (MATCHER.lastIndex >= text.length) break;
  }
  if (text.trim() !== '' && MATCHER.lastIndex < text.length) {
    throw new PerfgateError('INVALID_ARGUMENT', `cannot read label matchers "${text}"`);
  }
  return matchers;
}

const COUNTER_QUERY =
  /^\s*sum\s*\(\s*(?:rate|increase)\s*\(\s*([a-zA-Z_:][\w:]*)\s*(?:\{([^}]*)\})?\s*\[\{\{window\}\}\]\s*\)\s*\)\s*$/;

/** Reads `sum(rate(metric{matchers}[{{window}}]))`; other shapes cannot be synthesised. */
export function parseCounterQuery(query: string): Selector {
  const match = COUNTER_QUERY.exec(fillWindow(query, '{{window}}'));
  if (match === null) {
    throw new PerfgateError('INVALID_ARGUMENT', `cannot generate test series for "${query}"`, {
      hint: 'promtool tests are generated for queries of the form sum(rate(metric{labels}[{{window}}]))',
    });
  }
  return { metric: match[1] ?? '', matchers: parseMatchers(match[2] ?? '') };
}

const escapeRegex = (text: string): string => text.replace(/[.+*?^$()[\]{}|\\]/g, '\\$&');

export function sliCounters(source: PrometheusSource): SliCounters {
  if (source.kind === 'histogram') {
    const base = parseMatchers(source.selector);
    const spellings = labelValueSpellings(source.le).map(escapeRegex).join('|');
    return {
      events: 'good',
      eventSelector: {
        metric: `${source.metric}_bucket`,
        matchers: [...base, { name: 'le', op: '=~', value: spellings }],
      },
      totalSelector: { metric: `${source.metric}_count`, matchers: base },
    };
  }
  if (source.kind !== 'ratio') {
    throw new PerfgateError('INVALID_ARGUMENT', `cannot generate test series for a ${source.kind} source`);
  }
  return {
    events: source.events,
    eventSelector: parseCounterQuery(source.eventsQuery),
    totalSelector: parseCounterQuery(source.totalQuery),
  };
}

function matches(matcher: Matcher, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return new RegExp(`^(?:${matcher.value})$`).test(value);
    case '!~':
      return !new RegExp(`^(?:${matcher.value})$`).test(value);
  }
}

export function selects(
  selector: Selector,
  series: { metric: string; labels: Record<string, string> },
): boolean {
  return (
    selector.metric === series.metric &&
    selector.matchers.every((matcher) => matches(matcher, series.labels[matcher.name] ?? ''))
  );
}

/** Values tried for a label a matcher constrains: status codes, outcomes and the matcher's own text. */
const CANDIDATES = ['500', '503', '200', '201', '404', '429', 'failed', 'succeeded', 'error', 'ok', 'x', ''];

/** A value meeting every `wanted` matcher and failing at least one `refuse` matcher (when any). */
function pick(wanted: Matcher[], refuse: Matcher[]): string | undefined {
  const own = wanted.filter((matcher) => matcher.op === '=').map((matcher) => matcher.value);
  return [...own, ...CANDIDATES].find(
    (value) =>
      wanted.every((matcher) => matches(matcher, value)) &&
      (refuse.length === 0 || refuse.some((matcher) => !matches(matcher, value))),
  );
}

/** Labels meeting every matcher of `all` and, when `not` is given, failing at least one of `not`. */
export function labelsFor(all: Matcher[], not: Matcher[] = []): Record<string, string> | undefined {
  const names = [...new Set([...all, ...not].map((matcher) => matcher.name))];
  const breakers = not.length === 0 ? [undefined] : [...new Set(not.map((matcher) => matcher.name))];
  for (const breaker of breakers) {
    const labels: Record<string, string> = {};
    const complete = names.every((name) => {
      const wanted = all.filter((matcher) => matcher.name === name);
      const refuse = name === breaker ? not.filter((matcher) => matcher.name === name) : [];
      const value = pick(wanted, refuse);
      if (value !== undefined && value !== '') labels[name] = value;
      return value !== undefined;
    });
    if (complete) return labels;
  }
  return undefined;
}

/** A synthetic counter: `role` says whether its events are good or bad for the SLO under test. */
export interface TestSeries {
  metric: string;
  labels: Record<string, string>;
  role: 'good' | 'bad' | 'total';
}

/** Why no test series can be invented for `slo` (undefined when they can). */
export function unsynthesizable(slo: BudgetSlo): string | undefined {
  if (slo.prometheus === undefined) return 'no prometheus source';
  try {
    seriesFor(slo);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Series that make `slo`'s SLI see exactly the good and bad events the test feeds. */
export function seriesFor(slo: BudgetSlo): TestSeries[] {
  if (slo.prometheus === undefined) return [];
  const { events, eventSelector, totalSelector } = sliCounters(slo.prometheus);
  const fail = (what: string) =>
    new PerfgateError('INVALID_ARGUMENT', `${slo.name}: cannot invent ${what} series for the promtool tests`);
  const other = events === 'good' ? 'bad' : 'good';
  if (slo.prometheus.kind === 'histogram') {
    const labels = labelsFor(totalSelector.matchers) ?? {};
    return [
      { metric: eventSelector.metric, labels: { ...labels, le: leLabel(slo.prometheus.le) }, role: 'good' },
      { metric: eventSelector.metric, labels: { ...labels, le: '+Inf' }, role: 'total' },
      { metric: totalSelector.metric, labels, role: 'total' },
    ];
  }
  if (eventSelector.metric !== totalSelector.metric) {
    const eventLabels = labelsFor(eventSelector.matchers);
    const totalLabels = labelsFor(totalSelector.matchers);
    if (eventLabels === undefined || totalLabels === undefined) throw fail('event');
    return [
      { metric: eventSelector.metric, labels: eventLabels, role: events },
      { metric: totalSelector.metric, labels: totalLabels, role: 'total' },
    ];
  }
  const both = [...eventSelector.matchers, ...totalSelector.matchers];
  const eventLabels = labelsFor(both);
  const otherLabels = labelsFor(totalSelector.matchers, eventSelector.matchers);
  if (eventLabels === undefined) throw fail(events);
  if (otherLabels === undefined) throw fail(other);
  return [
    { metric: eventSelector.metric, labels: eventLabels, role: events },
    { metric: eventSelector.metric, labels: otherLabels, role: other },
  ];
}
