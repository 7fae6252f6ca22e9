import { createRequire } from 'node:module';
import { Command } from 'commander';
import { registerBenchCommand } from './commands/bench-command.js';
import { registerDashboardsCommand } from './commands/dashboards-command.js';
import { registerHistoryCommand } from './commands/history-command.js';
import { registerLoadCommand } from './commands/load-command.js';
import { registerMergeCommand } from './commands/merge-command.js';
import { registerMonitorCommand } from './commands/monitor-command.js';
import { registerNotifyCommand } from './commands/notify-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerRunCommand } from './commands/run-command.js';
import { registerSloCommand } from './commands/slo-command.js';
import { action, lazy, type Run } from './context.js';
import type { CliIo } from './io.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

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

  registerRunCommand(program, bind);
  registerLoadCommand(program, bind);
  registerBenchCommand(program, bind);
  registerSloCommand(program, bind);
  registerMonitorCommand(program, bind);
  registerReportCommand(program, bind);
  registerHistoryCommand(program, bind);
  registerMergeCommand(program, bind);
  registerNotifyCommand(program, bind);
  registerDashboardsCommand(program, bind);
  // Each command loads its code when it runs, so `perfgate load` does not pay for the others.
  program
    .command('validate')
    .description(
      'check the config (and the files it names); print every problem as FILE:LINE:COL path: message',
    )
    .action(bind(lazy(async () => (await import('./commands/validate.js')).validateCommand)));

  program
    .command('schema')
    .description("print the config file's JSON Schema (for editor autocompletion)")
    .option('-o, --output <file>', 'write it to a file instead of stdout')
    .action(bind(lazy(async () => (await import('./commands/schema.js')).schemaCommand)));

  program
    .command('init')
    .description('write a starter perfgate.config.yaml, load script and benchmark (never overwrites)')
    .option('--url <url>', 'URL of the service to test (default: http://127.0.0.1:8080)')
    .action(bind(lazy(async () => (await import('./commands/init.js')).initCommand)));

  program
    .command('services')
    .description('start the configured services, wait until healthy, print their health, then stop them')
    .option('--hold', 'keep them running until Ctrl-C')
    .action(bind(lazy(async () => (await import('./commands/services.js')).servicesCommand)));

  program
    .command('gameday')
    .description('inject the planned faults under load and prove the SLO alerts fire and resolve in time')
    .option('--out <dir>', 'where rules, load results, gameday.json and gameday.html go', 'gameday-results')
    .option('--html <file>', 'write the HTML timeline here (default: DIR/gameday.html)')
    .option('--rules <file>', 'load this rules file as is instead of the generated, drill-scaled rules')
    .option(
      '--skip-faults',
      'control run: plan the faults but inject none (the expected pages must not fire)',
    )
    .option(
      '--prometheus-bin <path>',
      'Prometheus binary (default: PERFGATE_PROMETHEUS, else prometheus on PATH)',
    )
    .action(bind(lazy(async () => (await import('./gameday/gameday-action.js')).gamedayCommand)));

  return program;
}
