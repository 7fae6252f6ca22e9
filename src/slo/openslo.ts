/**
 * OpenSLO v1 → perfgate `slos:` entries. Reads `SLO` documents (inline `indicator` or
 * `indicatorRef` to an `SLI` document) with `ratioMetric` (good/bad + total) or `thresholdMetric`,
 * Prometheus sources, rolling or calendar `timeWindow`, `Occurrences` budgeting. Every problem is
 * listed; nothing is guessed silently.
 */
import type { SloSpec } from './spec.js';

type Json = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** An SLO as written in the config file (the period stays text such as `28d` or `month`). */
export type WrittenSlo = Omit<SloSpec, 'errorBudget'> & {
  errorBudget?: { period: string; timezone?: string };
};

export interface OpenSloImport {
  slos: WrittenSlo[];
  issues: string[];
}

const CALENDAR_UNITS: Readonly<Record<string, 'week' | 'month' | 'quarter'>> = {
  '1w': 'week',
  '1M': 'month',
  '1Q': 'quarter',
};

function prometheusQuery(source: unknown, where: string, issues: string[]): string | undefined {
  const metricSource = isObject(source) && isObject(source.metricSource) ? source.metricSource : undefined;
  const type = text(metricSource?.type);
  const spec = isObject(metricSource?.spec) ? metricSource.spec : {};
  const query = text(spec.query) ?? text(spec.promql);
  if (type?.toLowerCase() !== 'prometheus' || query === undefined) {
    issues.push(
      `${where}: only Prometheus metric sources with spec.query are supported (got ${type ?? 'none'})`,
    );
    return undefined;
  }
  return query;
}

/** A counter selector becomes `sum(rate(selector[{{window}}]))`; queries that already say {{window}} stay. */
function windowed(query: string): string {
  return query.includes('{{window}}') ? query : `sum(rate(${query.trim()}[{{window}}]))`;
}

function periodOf(spec: Json, where: string, issues: string[]): WrittenSlo['errorBudget'] {
  const window = Array.isArray(spec.timeWindow) ? spec.timeWindow[0] : undefined;
  const duration = isObject(window) ? text(window.duration) : undefined;
  if (!isObject(window) || duration === undefined) {
    issues.push(`${where}: spec.timeWindow[0].duration is required`);
    return undefined;
  }
  if (window.isRolling === true) {
    const match = /^(\d+)([mhdw])$/.exec(duration);
    if (match === null) issues.push(`${where}: rolling window ${duration} is not a duration such as 28d`);
    const days = match?.[2] === 'w' ? Number(match[1]) * 7 : undefined;
    return { period: days === undefined ? duration : `${days}d` };
  }
  const unit = CALENDAR_UNITS[duration];
  if (unit === undefined) {
    issues.push(
      `${where}: calendar window ${duration} is not one of ${Object.keys(CALENDAR_UNITS).join(', ')}`,
    );
    return undefined;
  }
  const timeZone = isObject(window.calendar) ? text(window.calendar.timeZone) : undefined;
  return timeZone === undefined ? { period: unit } : { period: unit, timezone: timeZone };
}

function indicatorOf(
  spec: Json,
  slis: ReadonlyMap<string, Json>,
  where: string,
  issues: string[],
): Json | undefined {
  if (isObject(spec.indicator)) return isObject(spec.indicator.spec) ? spec.indicator.spec : undefined;
  const ref = text(spec.indicatorRef);
  const found = ref === undefined ? undefined : slis.get(ref);
  if (found === undefined)
    issues.push(
      `${where}: needs spec.indicator or an indicatorRef to an SLI document${ref ? ` (no SLI "${ref}")` : ''}`,
    );
  return found;
}

function objectiveTarget(objective: Json, where: string, issues: string[]): number | undefined {
  const percent = typeof objective.targetPercent === 'number' ? objective.targetPercent : undefined;
  const fraction = typeof objective.target === 'number' ? objective.target * 100 : undefined;
  const target = percent ?? fraction;
  if (target === undefined || !(target > 0 && target < 100))
    issues.push(`${where}: objective target must be in (0, 1) or targetPercent in (0, 100)`);
  return target === undefined ? undefined : Number(target.toPrecision(12));
}

type SliPart = Pick<SloSpec, 'sli' | 'slo'>;

function ratioSli(ratio: Json, target: number, where: string, issues: string[]): SliPart | undefined {
  if (ratio.counter === false) issues.push(`${where}: ratioMetric.counter false (gauges) is not supported`);
  const events = isObject(ratio.good) ? 'good' : 'bad';
  const eventsQuery = prometheusQuery(ratio[events], `${where} ratioMetric.${events}`, issues);
  const totalQuery = prometheusQuery(ratio.total, `${where} ratioMetric.total`, issues);
  if (eventsQuery === undefined || totalQuery === undefined) return undefined;
  return {
    sli: {
      type: 'availability',
      prometheus: { [events]: windowed(eventsQuery), total: windowed(totalQuery) },
    },
    slo: { target, operator: '>=', unit: '%' },
  };
}

/** A latency bound on a histogram: `value` is in the metric's unit (seconds when its name says so). */
function thresholdSli(
  threshold: Json,
  objective: Json,
  target: number,
  where: string,
  issues: string[],
): SliPart | undefined {
  const query = prometheusQuery(threshold, `${where} thresholdMetric`, issues) ?? '';
  const value = typeof objective.value === 'number' ? objective.value : undefined;
  if (value === undefined || (objective.op !== 'lte' && objective.op !== 'lt')) {
    issues.push(
      `${where}: a thresholdMetric objective needs op lte|lt and a numeric value (a latency bound)`,
    );
    return undefined;
  }
  const histogram = /^\s*([a-zA-Z_:][\w:]*?)(?:_bucket)?\s*(?:\{([^}]*)\})?\s*$/.exec(query);
  const sli: SloSpec['sli'] = { type: 'latency', percentile: target };
  if (histogram?.[1] === undefined)
    issues.push(`${where}: thresholdMetric query must name a histogram (metric{labels}); got "${query}"`);
  else sli.prometheus = { histogram: histogram[1], ...(histogram[2] ? { selector: histogram[2] } : {}) };
  return {
    sli,
    slo: { target: query.includes('seconds') ? value * 1_000 : value, operator: '<=', unit: 'ms' },
  };
}

function sliFor(
  indicator: Json,
  objective: Json,
  target: number,
  where: string,
  issues: string[],
): SliPart | undefined {
  if (isObject(indicator.ratioMetric)) return ratioSli(indicator.ratioMetric, target, where, issues);
  if (isObject(indicator.thresholdMetric))
    return thresholdSli(indicator.thresholdMetric, objective, target, where, issues);
  issues.push(`${where}: the indicator needs ratioMetric or thresholdMetric`);
  return undefined;
}

function convertSlo(doc: Json, slis: ReadonlyMap<string, Json>, issues: string[]): WrittenSlo[] {
  const name = isObject(doc.metadata) ? text(doc.metadata.name) : undefined;
  const where = `SLO ${name ?? '(unnamed)'}`;
  const spec = isObject(doc.spec) ? doc.spec : {};
  const service = text(spec.service);
  if (name === undefined) issues.push(`${where}: metadata.name is required`);
  if (service === undefined) issues.push(`${where}: spec.service is required`);
  const method = text(spec.budgetingMethod) ?? 'Occurrences';
  if (method !== 'Occurrences')
    issues.push(`${where}: budgetingMethod ${method} is not supported (only Occurrences)`);
  const indicator = indicatorOf(spec, slis, where, issues);
  const errorBudget = periodOf(spec, where, issues);
  const objectives = Array.isArray(spec.objectives) ? spec.objectives.filter(isObject) : [];
  if (objectives.length === 0) issues.push(`${where}: spec.objectives needs at least one objective`);
  if (name === undefined || service === undefined || indicator === undefined) return [];
  return objectives.flatMap((objective, index) => {
    const target = objectiveTarget(objective, where, issues);
    const sli = target === undefined ? undefined : sliFor(indicator, objective, target, where, issues);
    if (sli === undefined) return [];
    const sloName = (
      objectives.length > 1 ? `${name}-${text(objective.displayName) ?? index + 1}` : name
    ).replace(/[^\w-]/g, '_');
    const slo: WrittenSlo = { name: sloName, service, ...sli };
    const description = text(spec.description);
    if (description !== undefined) slo.description = description;
    if (errorBudget !== undefined) slo.errorBudget = errorBudget;
    return [slo];
  });
}

/** Converts parsed OpenSLO documents (one YAML file may hold several). */
export function importOpenSlo(documents: readonly unknown[]): OpenSloImport {
  const issues: string[] = [];
  const slis = new Map<string, Json>();
  documents.forEach((doc, index) => {
    if (!isObject(doc) || doc.apiVersion !== 'openslo/v1') {
      issues.push(`document ${index + 1}: apiVersion must be openslo/v1`);
      return;
    }
    const name = isObject(doc.metadata) ? text(doc.metadata.name) : undefined;
    if (doc.kind === 'SLI' && name !== undefined && isObject(doc.spec)) slis.set(name, doc.spec);
  });
  const slos = documents
    .filter((doc): doc is Json => isObject(doc) && doc.apiVersion === 'openslo/v1' && doc.kind === 'SLO')
    .flatMap((doc) => convertSlo(doc, slis, issues));
  if (slos.length === 0 && issues.length === 0) issues.push('no kind: SLO document found');
  return { slos, issues };
}
