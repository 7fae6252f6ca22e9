import { PerfgateError } from '../../core/errors.js';
import { checkAll, gatePassed } from '../../slo/compliance/check.js';
import type { Slo } from '../../slo/model.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { loadSloConfig } from '../slo/load-slos.js';
import { printChecks, summarizeChecks } from '../slo/print-checks.js';
import { readEvidence } from '../slo/read-results.js';

interface CheckOptions {
  explain?: boolean;
  latencyMetric?: string;
  slo?: string[];
  json?: boolean;
}

const LATENCY_METRICS = ['perfgate.http.duration', 'http.response_time'] as const;

/** `--latency-metric` overrides every latency SLO's `sli.loadMetric`. */
function withLatencyMetric(slos: Slo[], metric: string | undefined): Slo[] {
  if (metric === undefined) return slos;
  const chosen = LATENCY_METRICS.find((name) => name === metric);
  if (chosen === undefined) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `--latency-metric ${metric}: expected ${LATENCY_METRICS.join(' or ')}`,
    );
  }
  return slos.map((slo) =>
    slo.indicator.kind === 'latency' ? { ...slo, indicator: { ...slo.indicator, loadMetric: chosen } } : slo,
  );
}

/** `perfgate slo check RESULTS…`: exit 0 when every covered SLO passes, 1 on a violation or no data. */
export async function sloCheckCommand(
  context: CommandContext<CheckOptions>,
  args: unknown[],
): Promise<number> {
  const { io, options, output } = context;
  const files = (args[0] ?? []) as string[];
  const loaded = loadSloConfig(context, options.slo);
  const slos = withLatencyMetric(loaded.slos, options.latencyMetric);
  const evidence = readEvidence(io, files);
  const checks = checkAll(slos, evidence, loaded.compliance);
  if (checks.every((check) => check.verdict === 'not-covered')) {
    output.error(`no SLO applies to ${files.join(', ')} (${slos.length} SLOs checked)`);
    output.info('  hint: SLOs pick their data with sli.endpoint, sli.scenario or sli.benchmark');
    return EXIT.badInput;
  }
  if (options.json === true) {
    const rows = checks.map(({ slo, ...rest }) => ({ slo: slo.name, service: slo.service, ...rest }));
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    printChecks(output, checks, options.explain === true);
  }
  const passed = gatePassed(checks);
  output.info(
    `${passed ? output.colors.green('SLO gate passed') : output.colors.red('SLO gate failed')}: ${summarizeChecks(checks)}`,
  );
  return passed ? EXIT.ok : EXIT.gateFailed;
}
