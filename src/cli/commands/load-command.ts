import type { Command } from 'commander';
import { type Bind, lazy } from '../context.js';
import { addReportOptions } from '../report/report-flags.js';
import { addDistributedOptions } from './load-distributed-options.js';

/** Registers `perfgate load` (its options and action) on the program. */
export function registerLoadCommand(program: Command, bind: Bind): void {
  const command = program
    .command('load')
    .description('run one Artillery-format load test script')
    .argument(
      '<script>',
      'Artillery-format script: YAML or JSON, or a JS/TS module exporting config and scenarios',
    )
    .option('-o, --output <file>', 'write results as JSON (Artillery report layout + perfgate section)')
    .option('-e, --environment <name>', "use the script's config.environments entry")
    .option('-t, --target <url>', "override the script's config.target")
    .option('--variables <json>', 'JSON object of variables added to config.variables (they win)')
    .option(
      '--overrides <json>',
      'JSON deep-merged over the script, e.g. \'{"config":{"phases":[{"duration":10,"arrivalRate":5}]}}\'',
    )
    .option('--dotenv <file>', 'load environment variables from a .env file (for $env / $processEnvironment)')
    .option('-k, --insecure', 'do not verify TLS certificates (config.tls.rejectUnauthorized: false)')
    .option('-s, --solo', 'one VU only, whatever the phases say (to try a script)')
    .option('--scenario-name <name>', 'run only this scenario')
    .option(
      '-c, --config <file>',
      "Artillery's config file, merged over the script as `artillery run --config` does",
    )
    .option('-p, --payload <file>', "the CSV of the script's payload (Artillery's deprecated -p)")
    .option('--workers <n>', 'worker threads generating load (default: cores - 1, at least 1)')
    .option('--segment <i/n>', 'run segment i of n of the load (distributed runs)')
    .option(
      '--interval <duration>',
      'width of the reporting windows (time series, live lines); default: planned duration / 20, 500ms to 10s',
    )
    .option('--dry-run', 'print the arrival schedule without sending requests')
    .option('--allow-saturated', 'exit 0/1 even when the load generator itself was the bottleneck')
    .option(
      '--metrics-port <port>',
      'serve live Prometheus metrics on /metrics while the test runs (0: any free port)',
    )
    .option('--metrics-host <host>', 'address for --metrics-port (default: 127.0.0.1, loopback only)')
    .option(
      '--metrics-linger <duration>',
      'keep serving /metrics this long after the run, so the last scrape sees the final values',
    )
    .option(
      '--pushgateway <url>',
      'push the final results to this Prometheus Pushgateway (a failed push never fails the run)',
    )
    .option('--push-job <name>', 'Pushgateway job label', 'perfgate')
    .option('--push-instance <id>', 'Pushgateway instance label (default: the host name)');
  addReportOptions(addDistributedOptions(command))
    .option('--report <file>', 'same as --html (the older spelling)')
    .action(
      // Loaded when the command runs, so other commands and --help do not load its dependencies.
      bind(lazy(async () => (await import('../load/load-entry.js')).loadEntry)),
    );
}
