import { parseDuration } from '../../core/duration.js';
import { PerfgateError } from '../../core/errors.js';
import { type PartVerdict, type SloVerification, verifySlo } from '../../slo/live/verify.js';
import { createPrometheusClient } from '../../slo/prometheus/client.js';
import { promDuration } from '../../slo/rules/promql.js';
import { systemClock } from '../clock.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { liveSlos } from './load-slos.js';

interface VerifyOptions {
  prometheus?: string;
  slo?: string[];
  window: string;
  lookback: string;
  json?: boolean;
}

function durationOption(flag: string, text: string): string {
  const ms = parseDuration(text, 's');
  if (ms === undefined || ms < 1_000)
    throw new PerfgateError('INVALID_ARGUMENT', `${flag} ${text}: expected a duration such as 5m or 1h`);
  return promDuration(ms);
}

function partText(output: Output, verdict: PartVerdict): string {
  const { colors } = output;
  switch (verdict.state) {
    case 'ok':
      return `${verdict.series} series`;
    case 'empty-ok':
      return colors.dim(verdict.reason);
    case 'no-data':
      return colors.red(`NO DATA: ${verdict.reason}`);
    case 'errored':
      return colors.red(`query failed: ${verdict.reason}`);
  }
}

function printReports(output: Output, reports: readonly SloVerification[]): void {
  for (const report of reports) {
    output.result(`${report.ok ? output.colors.green('✓') : output.colors.red('✗')} ${report.slo.id}`);
    for (const part of report.parts)
      output.result(`    ${part.part.padEnd(16)} ${partText(output, part.verdict)}`);
  }
}

/**
 * `perfgate slo verify --prometheus URL`: every SLI query of every SLO with a prometheus source,
 * asked of a live Prometheus. Exit 0 when all return data, 1 naming those that do not, 3 when
 * Prometheus cannot be asked.
 */
export async function sloVerifyCommand(context: CommandContext<VerifyOptions>): Promise<number> {
  const { io, options, output } = context;
  const { url, slos } = liveSlos(context, options.slo, 'verify');
  const querier = createPrometheusClient({ baseUrl: url, clock: systemClock, attempts: 1 });
  const window = durationOption('--window', options.window);
  const lookback = durationOption('--lookback', options.lookback);
  const atMs = systemClock.now();
  const reports = [];
  for (const slo of slos) reports.push(await verifySlo(querier, slo, { atMs, window, lookback }));
  if (options.json === true) {
    const rows = reports.map(({ slo, ...rest }) => ({ slo: slo.name, id: slo.id, ...rest }));
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    printReports(output, reports);
  }
  const failing = reports.filter((report) => !report.ok);
  if (reports.some((report) => report.parts.some((part) => part.verdict.state === 'errored'))) {
    output.error(`could not ask ${url} about every SLI query`);
    return EXIT.couldNotRun;
  }
  if (failing.length > 0) {
    output.error(`SLI queries without data: ${failing.map((report) => report.slo.id).join(', ')}`);
    return EXIT.gateFailed;
  }
  output.info(`every SLI query of ${reports.length} SLO(s) returns data at ${url}`);
  return EXIT.ok;
}
