import { createRequire } from 'node:module';
import { Command, Option } from 'commander';
import { notBuilt } from './commands/not-built.js';
import { schemaCommand } from './commands/schema.js';
import { servicesCommand } from './commands/services.js';
import { validateCommand } from './commands/validate.js';
import { action, type CommandContext } from './context.js';
import type { CliIo } from './io.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

type Run = (context: CommandContext<never>, args: unknown[]) => Promise<number>;

/** The whole command tree of DESIGN.md's CLI table. Actions report their exit code through `setExitCode`. */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const bind = (run: Run) => action<never>(io, setExitCode, run);
  const program = new Command('perfgate')
    .description(
      'Performance testing that gates deploys on SLOs: load tests, benchmarks, SLO checks and live monitoring.',
    )
    .version(version, '-V, --version')
    .option('-c, --config <file>', 'config file (default: perfgate.config.yaml|yml|json, searched upwards)')
    .option(
      '--env <name>',
      'environment profile: ci, staging, production or one of the config (default: NODE_ENV, else ci)',
    )
    .option('-v, --verbose', 'show debug logs (all of DEBUG=perfgate:*) and stack traces')
    .option('-q, --quiet', 'print results and errors only')
    .option('--no-color', 'no colours (also NO_COLOR, or when output is not a terminal)')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    // Set before adding commands: commander copies these settings into each subcommand at creation.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  program
    .command('run')
    .description('the whole pipeline: services, benchmarks, load tests, SLO and regression gates, reports')
    .addOption(
      new Option('--only <suite>', 'run one suite (PERFORMANCE_TEST_MODE)').choices([
        'slo',
        'benchmark',
        'load',
      ]),
    )
    .option('-y, --yes', 'confirm a run against an environment that asks for it (production)')
    .option('--results-dir <dir>', 'where reports go (default: perf-results/<timestamp>)')
    .option('--dry-run', 'print the plan without running it')
    .action(bind(notBuilt('run', 'the pipeline')));

  program
    .command('load')
    .description('run one Artillery-format load test script')
    .argument('<script>', 'Artillery-format YAML script')
    .option('-o, --output <file>', 'write results as JSON (Artillery report layout + perfgate section)')
    .option('--report <file>', 'write an HTML report')
    .option('-e, --environment <name>', "use the script's config.environments entry")
    .option('-t, --target <url>', "override the script's config.target")
    .option('--workers <n>', 'worker threads generating load')
    .option('--segment <i/n>', 'run segment i of n of the load (distributed runs)')
    .option('--dry-run', 'print the arrival schedule without sending requests')
    .action(bind(notBuilt('load', 'the load engine')));

  program
    .command('bench')
    .description('run benchmarks and check them for regressions against baselines')
    .argument('[files...]', 'benchmark files (default: benchmarks.files of the config)')
    .option('--update-baselines', 'write new baselines when nothing regressed (UPDATE_BASELINES)')
    .option('--threshold <pct>', 'fail on any regression above this percentage (PERFORMANCE_THRESHOLD)')
    .option('--compare-ref <ref>', 'compare against a git ref built in a temporary worktree')
    .option('-o, --output <file>', 'write results as JSON')
    .action(bind(notBuilt('bench', 'benchmarking')));

  const slo = program.command('slo').description('SLO compliance and Prometheus rules');
  slo
    .command('check')
    .description('check finished results against the SLOs')
    .argument('<results...>', 'results JSON files (load tests, benchmarks)')
    .option('--explain', 'print every number with its formula')
    .action(bind(notBuilt('slo check', 'SLO compliance checking')));
  slo
    .command('rules')
    .description('write Prometheus recording and multiwindow multi-burn-rate alert rules')
    .option('-o, --output <file>', 'rules file (default: stdout)')
    .option('--tests <file>', 'also write promtool unit tests for the rules')
    .action(bind(notBuilt('slo rules', 'Prometheus rule generation')));

  program
    .command('monitor')
    .description('evaluate the SLOs live against Prometheus and alert on changes')
    .option('--prometheus <url>', 'Prometheus base URL (PROMETHEUS_URL)')
    .option('--interval <duration>', 'time between evaluations', '30s')
    .option('--once', 'evaluate once, print and exit')
    .action(bind(notBuilt('monitor', 'live SLO monitoring')));

  program
    .command('report')
    .description('write reports from saved results')
    .argument('<results...>', 'results JSON files')
    .option('--html <file>', 'self-contained HTML report')
    .option('--markdown <file>', 'Markdown summary (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--junit <file>', 'JUnit XML, one testcase per gate')
    .option('--json <file>', 'combined JSON result')
    .action(bind(notBuilt('report', 'reporting')));

  program
    .command('merge')
    .description('merge results from several load generators exactly')
    .argument('<results...>', 'results JSON files')
    .requiredOption('-o, --output <file>', 'merged results file')
    .action(bind(notBuilt('merge', 'merging results')));

  program
    .command('validate')
    .description(
      'check the config (and the files it names); print every problem as FILE:LINE:COL path: message',
    )
    .action(bind(validateCommand as Run));

  program
    .command('schema')
    .description("print the config file's JSON Schema (for editor autocompletion)")
    .option('-o, --output <file>', 'write it to a file instead of stdout')
    .action(bind(schemaCommand as Run));

  program
    .command('services')
    .description('start the configured services, wait until healthy, print their health, then stop them')
    .option('--hold', 'keep them running until Ctrl-C')
    .action(bind(servicesCommand as Run));

  return program;
}
