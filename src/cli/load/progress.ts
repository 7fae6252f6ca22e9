import type { EnsureVerdict } from '../../load/ensure/evaluate.js';
import { delayImpact } from '../../load/health/delay-impact.js';
import type { LoadResults } from '../../load/metrics/results.js';
import type { WindowData } from '../../load/metrics/window.js';
import { decodeLatencyHistogram } from '../../stats/hdr.js';
import type { Output } from '../output.js';

/** The latency shown live and first in the summary: from each request's intended start. */
const HEADLINE = 'perfgate.http.duration';
const DOTS_WIDTH = 52;

const time = (wallMs: number) => new Date(wallMs).toISOString().slice(11, 19);
const ms = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(1)}`);

/** One line per closed window: requests, rate, p50/p95/p99 of the honest duration, errors. */
export function formatWindowLine(window: WindowData): string {
  const requests = window.counters['http.requests'] ?? 0;
  const seconds = Math.max(0.001, (window.endedAt - window.startedAt) / 1000);
  const encoded = window.histograms[HEADLINE];
  // Only the headline histogram is decoded: this runs on the load generator's thread.
  const latency = encoded === undefined ? undefined : decodeLatencyHistogram(encoded).summary();
  const errors = errorCounts(window.counters);
  return [
    `[${time(window.endedAt)}]`,
    `${requests} requests`,
    `${Math.round(requests / seconds)} rps`,
    latency ? `p50 ${ms(latency.p50)} p95 ${ms(latency.p95)} p99 ${ms(latency.p99)} ms` : 'no responses',
    errors.length > 0 ? `errors ${errors.map(([code, n]) => `${code} ${n}`).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function errorCounts(counters: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(counters)
    .filter(([name]) => name.startsWith('errors.'))
    .map(([name, count]) => [name.slice('errors.'.length), count]);
}

/** Artillery-style end summary: counters, rates, then summaries with the honest duration first. */
export function printSummary(output: Output, results: LoadResults): void {
  const { aggregate, perfgate } = results;
  const { colors } = output;
  output.result(colors.bold(`Summary report @ ${time(perfgate.endedAt)}`));
  for (const [name, value] of Object.entries(aggregate.counters)) output.result(dotted(name, String(value)));
  for (const [name, value] of Object.entries(aggregate.rates)) output.result(dotted(name, `${value}/sec`));
  const names = Object.keys(aggregate.summaries).sort(
    (a, b) => Number(b === HEADLINE) - Number(a === HEADLINE),
  );
  for (const name of names) {
    const s = aggregate.summaries[name];
    if (!s) continue;
    output.result(`${name}:`);
    for (const [stat, value] of [
      ['min', s.min],
      ['max', s.max],
      ['mean', s.mean],
      ['median', s.median],
      ['p95', s.p95],
      ['p99', s.p99],
    ] as const) {
      output.result(dotted(`  ${stat}`, String(value)));
    }
  }
  printHealth(output, results);
  printVerdicts(output, perfgate.ensure.verdicts);
}

function printHealth(output: Output, results: LoadResults): void {
  const { health, status, unreachable } = results.perfgate;
  const { colors } = output;
  const cpu = health.cpuPercent === undefined ? '' : `, CPU ${health.cpuPercent}% of a core`;
  output.info(
    colors.dim(
      `generator: ${health.generators} thread(s), schedule slip p99 ${health.scheduleSlipMs.p99} ms, event-loop lag p99 ${health.eventLoopLagMs.p99} ms${cpu}`,
    ),
  );
  const impact = delayImpact(health, results.perfgate.ensure.verdicts, results.aggregate.counters);
  const lead = impact.decisive.length > 0 ? 'untrusted run' : 'generator delayed';
  for (const reason of health.reasons) output.warn(`${lead}: ${reason}`);
  if (impact.delayed) {
    output.warn(
      impact.decisive.length > 0
        ? `the delay may have decided the result: ${impact.decisive.join('; ')}`
        : 'no verdict depends on the delay: latencies run from the intended start, so it can only make them look worse, and every gate passed',
    );
  }
  if (status === 'interrupted') output.warn('the run was interrupted: results cover only the part that ran');
  if (unreachable) output.warn('the target was unreachable: every request failed with a connection error');
}

function printVerdicts(output: Output, verdicts: readonly EnsureVerdict[]): void {
  const { colors } = output;
  for (const verdict of verdicts) {
    const mark = verdict.passed
      ? colors.green('ok')
      : verdict.strict
        ? colors.red('fail')
        : colors.yellow('fail');
    const measured = verdict.measured === undefined ? '' : ` (measured ${verdict.measured})`;
    const note = verdict.note ? ` — ${verdict.note}` : '';
    output.result(`ensure ${mark}: ${verdict.expression}${measured}${note}`);
  }
}

function dotted(label: string, value: string): string {
  const dots = '.'.repeat(Math.max(2, DOTS_WIDTH - label.length - value.length));
  return `${label}: ${dots} ${value}`;
}
