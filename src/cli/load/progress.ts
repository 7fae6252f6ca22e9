import type { EnsureVerdict } from '../../load/ensure/evaluate.js';
import type { LoadResults } from '../../load/metrics/results.js';
import { describeSummaryStat } from '../../report/adapters/load-perfgate.js';
import type { Output } from '../output.js';

/** The latency shown live and first in the summary: from each request's intended start. */
const HEADLINE = 'perfgate.http.duration';
const DOTS_WIDTH = 52;
const PER_REQUEST = /^perfgate\.scenario\..+\.requests\./;

/** HH:MM:SS (UTC) of a wall-clock time. */
export const clockTime = (wallMs: number) => new Date(wallMs).toISOString().slice(11, 19);

/** Artillery-style end summary: counters, rates, then summaries with the honest duration first. */
export function printSummary(output: Output, results: LoadResults): void {
  const { aggregate, perfgate } = results;
  const { colors } = output;
  output.result(colors.bold(`Summary report @ ${clockTime(perfgate.endedAt)}`));
  // perfgate's per-request names (scenario, method, endpoint) are for the reports, not this list.
  const listed = (name: string) => !PER_REQUEST.test(name);
  for (const [name, value] of Object.entries(aggregate.counters))
    if (listed(name)) output.result(dotted(name, String(value)));
  for (const [name, value] of Object.entries(aggregate.rates)) output.result(dotted(name, `${value}/sec`));
  const names = Object.keys(aggregate.summaries)
    .filter(listed)
    .sort((a, b) => Number(b === HEADLINE) - Number(a === HEADLINE));
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
  for (const reason of health.reasons) output.warn(`untrusted run: ${reason}`);
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
    const measured = verdict.measured === undefined ? '' : ` (${measuredText(verdict, verdict.measured)})`;
    const note = verdict.note ? ` — ${verdict.note}` : '';
    output.result(`ensure ${mark}: ${verdict.expression}${measured}${note}`);
  }
}

/** "http.response_time p95 (time to first byte) 41.31 ms", as the reports word the same verdict. */
function measuredText(verdict: EnsureVerdict, measured: number): string {
  if (verdict.kind === 'maxErrorRate')
    return `failed VUs ${Number(measured.toPrecision(4))} % of VUs created`;
  const [metric] = Object.keys(verdict.values);
  if (verdict.kind === 'condition' || metric === undefined) return `measured ${measured}`;
  const { text, unit } = describeSummaryStat(metric);
  return `${text} measured ${Number(measured.toPrecision(4))}${unit ? ` ${unit}` : ''}`;
}

function dotted(label: string, value: string): string {
  const dots = '.'.repeat(Math.max(2, DOTS_WIDTH - label.length - value.length));
  return `${label}: ${dots} ${value}`;
}
