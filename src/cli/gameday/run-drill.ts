/**
 * The drill itself: the load (through the fault proxies) starts with the faults' schedule; every
 * interval Prometheus is asked which alerts fire (`ALERTS{alertstate="firing"}`) and how fast the
 * expected SLOs burn, until every expectation is decided or the longest drill time is up.
 */
import type { LoadResults } from '../../load/metrics/results.js';
import {
  type AlertInterval,
  AlertTimeline,
  allDecided,
  type BurnSample,
  type DrillPlan,
  firingFromLabels,
} from '../../pipeline/gameday/index.js';
import { createPrometheusClient, type PrometheusQuerier } from '../../slo/prometheus/client.js';
import { systemClock } from '../clock.js';
import type { Output } from '../output.js';
import type { DrillLoad } from './drill-load.js';

export interface DrillRecord {
  intervals: AlertInterval[];
  burn: BurnSample[];
  loads: { name: string; service: string; results: LoadResults; scenarios: string[] }[];
  /** Ms from the load's start to the last poll. */
  endedAtMs: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`.padStart(7);
const describeAlert = (a: AlertInterval) =>
  `${a.alertname} ${a.sloId} ${a.severity}${a.tier === '' ? '' : ` ${a.tier}`}`;

function announceFaults(
  output: Output,
  plan: DrillPlan,
  injected: boolean,
  before: number,
  now: number,
): void {
  for (const fault of plan.faults) {
    const verb = injected ? '' : ' (not injected: control run)';
    if (fault.fromMs > before && fault.fromMs <= now)
      output.info(`[${seconds(now)}] fault ${fault.name} starts${verb}`);
    if (fault.toMs > before && fault.toMs <= now)
      output.info(`[${seconds(now)}] fault ${fault.name} ends${verb}`);
  }
}

/** One poll: the firing alerts (transitions printed) and the expected SLOs' burn rates. */
async function poll(
  output: Output,
  client: PrometheusQuerier,
  burnQuery: string,
  at: number,
  record: { timeline: AlertTimeline; burn: BurnSample[] },
): Promise<void> {
  const alerts = await client.query('ALERTS{alertstate="firing"}');
  if (alerts.state === 'ok') {
    const changes = record.timeline.record(
      at,
      alerts.samples.map((sample) => firingFromLabels(sample.labels)),
    );
    for (const a of changes.started) output.info(`[${seconds(at)}] FIRING   ${describeAlert(a)}`);
    for (const a of changes.ended) output.info(`[${seconds(at)}] RESOLVED ${describeAlert(a)}`);
  }
  const rates = await client.query(burnQuery);
  if (rates.state !== 'ok') return;
  for (const sample of rates.samples) {
    if (!Number.isFinite(sample.value)) continue;
    record.burn.push({ atMs: at, sloId: sample.labels.slo_id ?? '', burnRate: sample.value });
  }
}

/** `slo:current_burn_rate:ratio` of the SLOs the expectations name. */
function burnQueryOf(plan: DrillPlan): string {
  const ids = [...new Set(plan.expectations.map((e) => e.slo.id))];
  const pattern = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&')).join('|');
  return `slo:current_burn_rate:ratio{slo_id=~"${pattern}"}`;
}

export async function runDrill(
  output: Output,
  plan: DrillPlan,
  load: DrillLoad,
  prometheusUrl: string,
  injected: boolean,
  signal: AbortSignal,
): Promise<DrillRecord> {
  const client = createPrometheusClient({
    baseUrl: prometheusUrl,
    clock: systemClock,
    attempts: 1,
    timeoutMs: Math.max(1_000, plan.intervalMs),
  });
  const record = { timeline: new AlertTimeline(), burn: [] as BurnSample[] };
  const burnQuery = burnQueryOf(plan);
  const lastFaultEnd = Math.max(...plan.faults.map((f) => (Number.isFinite(f.toMs) ? f.toMs : f.fromMs)));
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort);
  const origin = systemClock.monotonic();
  const loads = load.start(stop.signal);
  let before = -1;
  let at = 0;
  try {
    for (;;) {
      at = systemClock.monotonic() - origin;
      announceFaults(output, plan, injected, before, at);
      before = at;
      await poll(output, client, burnQuery, at, record);
      if (stop.signal.aborted || at >= plan.durationMs) break;
      if (at >= lastFaultEnd && allDecided(plan, record.timeline.intervals(), at)) break;
      const wait = plan.intervalMs - (systemClock.monotonic() - origin - at);
      if (wait > 0) await systemClock.sleep(wait, stop.signal).catch(() => {});
    }
  } finally {
    stop.abort();
    signal.removeEventListener('abort', onAbort);
  }
  return { intervals: record.timeline.intervals(), burn: record.burn, loads: await loads, endedAtMs: at };
}
