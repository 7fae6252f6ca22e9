/**
 * PromQL for an SLO's error ratio over a window. Every event ratio divides by `(total > 0)` so a
 * window without traffic yields no sample instead of NaN (Sloth #231, #749). Ratio queries must
 * return one label-less series each (wrap them in `sum(...)`).
 */
import type { BudgetSlo, PrometheusSource } from '../model.js';
import { vectorSelectors } from '../promql/selectors.js';
import { fillWindow } from '../promql/window.js';

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** A Prometheus duration for `ms` in its largest whole unit: 5m, 1h, 3d, 30d. */
export function promDuration(ms: number): string {
  for (const [unit, size] of UNITS) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.max(1, Math.round(ms))}ms`;
}

/** The windows an SLO's rules record: every tier's short and long window, then a rolling period. */
export function recordedWindows(slo: BudgetSlo): number[] {
  const windows = new Set<number>();
  for (const tier of slo.tiers) {
    windows.add(tier.shortWindowMs);
    windows.add(tier.longWindowMs);
  }
  if (slo.period.kind === 'rolling') windows.add(slo.period.nominalMs);
  return [...windows].sort((a, b) => a - b);
}

/** Go's `strconv.FormatFloat(f, 'g', -1, 64)`: what Go clients write and Prometheus 2 stores. */
function goFloat(value: number): string {
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (value === 0 || (exponent >= -4 && exponent < 21)) return String(value);
  const [mantissa = '', power = '0'] = value.toExponential().split('e');
  const sign = power.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${power.replace(/^[+-]/, '').padStart(2, '0')}`;
}

/**
 * Every way a bucket bound or quantile is spelled in stored series: as JavaScript and Go clients
 * print it (`2`, `0.3`, `1e-05`), and as Prometheus 3 (and 2.x scraping protobuf) normalises
 * `le` and `quantile` label values, OpenMetrics-style (`2.0`, `0.3`, `1e-05`).
 */
export function labelValueSpellings(value: number): string[] {
  if (!Number.isFinite(value)) return [value > 0 ? '+Inf' : '-Inf'];
  const go = goFloat(value);
  const openMetrics = /[.e]/.test(go) ? go : `${go}.0`;
  return [...new Set([String(value), go, openMetrics])];
}

const escapeRegex = (text: string): string => text.replace(/[.+*?^$()[\]{}|\\]/g, '\\$&');

/** A matcher for `label` equal to `value` in any spelling: `le="0.3"`, `le=~"2|2\\.0"`. */
export function numericLabelMatcher(label: string, value: number): string {
  const spellings = labelValueSpellings(value);
  if (spellings.length === 1) return `${label}="${spellings[0]}"`;
  return `${label}=~${JSON.stringify(spellings.map(escapeRegex).join('|'))}`;
}

/** `le` label values as prom-client and Go clients print them (`0.3`, `2`, `+Inf`), for test series. */
export function leLabel(seconds: number): string {
  return Number.isFinite(seconds) ? String(seconds) : '+Inf';
}

function withMatchers(metric: string, selector: string, extra?: string): string {
  const matchers = [selector.trim(), extra].filter((part) => part !== undefined && part !== '');
  return `${metric}{${matchers.join(',')}}`;
}

const BOOL_OPERATOR: Readonly<Record<string, string>> = {
  '>': '> bool',
  '>=': '>= bool',
  '<': '< bool',
  '<=': '<= bool',
};

/** One sample of a gauge SLI: 1 when the value breaks the target, 0 when it meets it. */
export function gaugeBadSampleExpr(source: Extract<PrometheusSource, { kind: 'gauge' }>): string {
  return `max((${source.query.trim()}) ${BOOL_OPERATOR[source.bad.operator]} ${source.bad.value})`;
}

/** Resolution of the subquery that samples a gauge over `windowMs` when no recording exists. */
export function gaugeStepMs(windowMs: number): number {
  return Math.max(60_000, Math.ceil(windowMs / 1_440 / 60_000) * 60_000);
}

/** `bad / (total > 0)` over `window` (a Prometheus duration). */
export function errorRatioExpr(source: PrometheusSource, window: string): string {
  switch (source.kind) {
    case 'histogram': {
      const total = `sum(rate(${withMatchers(`${source.metric}_count`, source.selector)}[${window}]))`;
      const bucket = withMatchers(
        `${source.metric}_bucket`,
        source.selector,
        numericLabelMatcher('le', source.le),
      );
      return `(${total} - sum(rate(${bucket}[${window}])))\n/\n(${total} > 0)`;
    }
    case 'error-ratio':
      return fillWindow(source.query, window).trim();
    case 'gauge':
      return `avg_over_time((${gaugeBadSampleExpr(source)})[${window}:${promDurationOf(window)}])`;
    case 'ratio': {
      // `or vector(0)`: a service that never failed has no error series at all, which must read as 0, not as no data.
      const events = `(${fillWindow(source.eventsQuery, window).trim()} or vector(0))`;
      const total = `(${fillWindow(source.totalQuery, window).trim()} > 0)`;
      return source.events === 'bad' ? `${events}\n/\n${total}` : `1 - (\n${events}\n/\n${total}\n)`;
    }
  }
}

function promDurationOf(window: string): string {
  const match = /^(\d+)([smhd])$/.exec(window);
  const size: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const ms = match === null ? 60_000 : Number(match[1]) * (size[match[2] ?? 'm'] ?? 60_000);
  return promDuration(gaugeStepMs(ms));
}

/**
 * A selector whose series exist whenever the SLI's metric is exported (the histogram's `_count`,
 * else the first selector of the total or ratio query); undefined when the query names none.
 */
export function presenceSelector(source: PrometheusSource): string | undefined {
  if (source.kind === 'histogram') {
    return `${source.metric}_count${source.selector === '' ? '' : `{${source.selector}}`}`;
  }
  const query = source.kind === 'ratio' ? source.totalQuery : source.query;
  return vectorSelectors(fillWindow(query, '5m'))[0]?.text;
}
