/**
 * The measured value and the good/bad event counts of one SLO over one scope of a load test.
 * Ratio SLIs count status codes; latency SLIs count requests over the threshold AND failed ones
 * (5xx responses, transport errors): a failed request is never a good event, however fast.
 */
import { percentileOf, shareAbove } from '../evidence/latency.js';
import type { RequestEvidence } from '../evidence/types.js';
import type { Operator, Slo } from '../model.js';
import type { ExplainLine } from './budget-terms.js';

export interface Measured {
  /** `p95`, `availability`, `error rate`, `throughput`, `heapDelta`. */
  label: string;
  value: number;
  unit: string;
}

export interface Measurement {
  measured?: Measured;
  counts?: { total: number; bad: number; approximate: boolean };
  /**
   * Set when good and bad events decide the verdict beside the measured value: a latency SLO
   * also needs `percentile` % of its requests good (fast and not failed).
   */
  goodShareFloor?: number;
  notes: string[];
  explain: ExplainLine[];
}

const sum = (values: Readonly<Record<string, number>>, keep: (key: string) => boolean = () => true): number =>
  Object.entries(values).reduce((total, [key, value]) => (keep(key) ? total + value : total), 0);

/** Requests that failed on the server or never got an answer. */
export function failedRequests(requests: RequestEvidence): number {
  return sum(requests.codes, (code) => Number(code) >= 500) + sum(requests.errors);
}

/** Bad events of a ratio SLI: availability counts 5xx, error/success rate every status ≥ 400; both count transport errors. */
function badRequests(
  measure: 'availability' | 'error_rate' | 'success_rate',
  requests: RequestEvidence,
): number {
  const floor = measure === 'availability' ? 500 : 400;
  return sum(requests.codes, (code) => Number(code) >= floor) + sum(requests.errors);
}

type RatioIndicator = Extract<Slo['indicator'], { kind: 'ratio' }>;
type LatencyIndicator = Extract<Slo['indicator'], { kind: 'latency' }>;

export function measureRatio(indicator: RatioIndicator, requests: RequestEvidence): Measurement | string {
  const total = requests.requests;
  if (total === 0) return 'no requests';
  const bad = badRequests(indicator.measure, requests);
  const errorRatio = bad / total;
  const value = indicator.measure === 'error_rate' ? errorRatio * 100 : (1 - errorRatio) * 100;
  const label = indicator.measure.replace('_', ' ');
  const formula = indicator.measure === 'error_rate' ? 'bad / total · 100' : '(1 − bad / total) · 100';
  const line = {
    name: label,
    formula: `${formula}, bad = ${indicator.measure === 'availability' ? '5xx' : 'status ≥ 400'} + transport errors`,
    value: `${value} %`,
  };
  return {
    measured: { label, value, unit: '%' },
    counts: { total, bad, approximate: false },
    notes: [],
    explain: [line],
  };
}

/** Share of samples that break the target: over it for `<=`, at or over it for `<`. */
function slowShare(
  latency: Parameters<typeof shareAbove>[0],
  thresholdMs: number,
  operator: Operator,
): number {
  return operator === '<' ? shareAbove(latency, thresholdMs - 1e-9) : shareAbove(latency, thresholdMs);
}

export function measureLatency(
  indicator: LatencyIndicator,
  operator: Operator,
  requests: RequestEvidence,
): Measurement | string {
  const notes: string[] = [];
  const latency = requests.latency[indicator.loadMetric] ?? requests.latency['http.response_time'];
  if (latency === undefined) return `no ${indicator.loadMetric} latency for this scope`;
  if (latency.metric !== indicator.loadMetric)
    notes.push(`${indicator.loadMetric} absent here: judged ${latency.metric}`);
  const failed = failedRequests(requests);
  if (latency.count === 0 && failed === 0) return 'no requests';
  const p = percentileOf(latency, indicator.percentile);
  if (p === undefined && latency.count > 0) return `no p${indicator.percentile} in the results`;
  const transport = sum(requests.errors);
  // Requests sent include those that never got an answer; the latency samples are the answered ones.
  const total = requests.requests >= latency.count ? requests.requests : latency.count + transport;
  const slow = slowShare(latency, indicator.thresholdMs, operator) * latency.count;
  // A failed response that was also slow would count twice; the cap keeps bad ≤ total, erring toward bad.
  const bad = Math.min(total, slow + failed);
  const label = `p${indicator.percentile}`;
  const explain: ExplainLine[] = [
    {
      name: label,
      formula: `${latency.metric}${p?.interpolated ? ' (interpolated)' : ''}`,
      value: `${p?.value ?? '–'} ms`,
    },
    {
      name: 'bad',
      formula: `requests ${operator === '<' ? 'at or over' : 'over'} ${indicator.thresholdMs} ms + failed (5xx, transport errors) = ${round(slow)} + ${failed}, at most ${total}`,
      value: String(round(bad)),
    },
  ];
  if (failed > 0) notes.push(`${failed} failed request(s) count as bad events, however fast`);
  return {
    ...(p === undefined ? {} : { measured: { label, value: p.value, unit: 'ms' } }),
    counts: { total, bad, approximate: !latency.exact },
    goodShareFloor: indicator.percentile / 100,
    notes,
    explain,
  };
}

const round = (value: number): number => Number(value.toPrecision(6));
