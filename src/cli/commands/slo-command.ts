import type { Command } from 'commander';
import { PerfgateError } from '../../core/errors.js';
import { checkAll, gatePassed } from '../../slo/compliance/check.js';
import type { Slo } from '../../slo/model.js';
import type { Bind, CommandContext, Run } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { sloImportCommand } from '../slo/import-command.js';
import { loadSlos } from '../slo/load-slos.js';
import { printChecks, summarizeChecks } from '../slo/print-checks.js';
import { readEvidence } from '../slo/read-results.js';
import { sloRulesCommand } from '../slo/rules-command.js';

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
async function sloCheckCommand(context: CommandContext<CheckOptions>, args: unknown[]): Promise<number> {
  const { io, options, output } = context;
  const files = (args[0] ?? []) as string[];
  const slos = withLatencyMetric(loadSlos(context, options.slo), options.latencyMetric);
  const evidence = readEvidence(io, files);
  const checks = checkAll(slos, evidence);
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

/** Registers `perfgate slo check|rules|import` (their options and actions) on the program. */
export function registerSloCommand(program: Command, bind: Bind): void {
  const slo = program.command('slo').description('SLO compliance and Prometheus rules');
  slo
    .command('check')
    .description('check finished results (load tests, benchmarks) against the SLOs, in error-budget terms')
    .argument('<results...>', 'results JSON files (load tests, benchmarks)')
    .option('--explain', 'print every number with its formula')
    .option('--slo <names...>', 'only these SLOs')
    .option(
      '--latency-metric <name>',
      'latency judged for load tests: perfgate.http.duration (from the intended start, default) or http.response_time',
    )
    .option('--json', 'print the checks as JSON')
    .action(bind(sloCheckCommand as Run));
  slo
    .command('rules')
    .description('write Prometheus recording and multiwindow multi-burn-rate alert rules')
    .option('-o, --output <file>', 'rules file (default: stdout)')
    .option('--tests <file>', 'also write promtool unit tests for the rules')
    .option(
      '--alertmanager <file>',
      'also write Alertmanager inhibit rules (faster tiers silence slower ones)',
    )
    .option('--slo <names...>', 'only these SLOs')
    .action(bind(sloRulesCommand as Run));
  slo
    .command('import')
    .description('convert OpenSLO v1 documents (SLO, SLI) to perfgate slos: entries')
    .argument('<file>', 'OpenSLO YAML file (one or more documents)')
    .option('-o, --output <file>', 'write the slos: YAML to a file (default: stdout)')
    .action(bind(sloImportCommand as Run));
}
