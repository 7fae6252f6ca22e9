import { hostname } from 'node:os';
import { basename, extname } from 'node:path';
import { parseDuration } from '../../core/duration.js';
import { PerfgateError } from '../../core/errors.js';
import type { LoadTestMetrics, LoadTestMetricsOptions } from '../../load/metrics/prometheus.js';
import type { LoadResults } from '../../load/metrics/results.js';
import type { WindowData } from '../../load/metrics/window.js';
import type { LoadScript } from '../../load/script/model.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { DEFAULT_METRICS_HOST, type MetricsServer, startMetricsServer } from './metrics-server.js';

// prom-client (and the exporter built on it) is loaded only with --metrics-port or --pushgateway:
// most load runs use neither, and its start-up is CPU every run would pay.
const loadExporter = () => import('../../load/metrics/prometheus.js');

/** `--pushgateway` and its labels (`perfgate load` and `perfgate run`). */
export interface PushOptions {
  pushgateway?: string;
  pushJob?: string;
  pushInstance?: string;
}

/** The `perfgate load` flags of this module. */
export interface ObservabilityOptions extends PushOptions {
  metricsPort?: string;
  metricsHost?: string;
  /** `--metrics-linger`: keep serving the final values this long after the run (k6's --linger). */
  metricsLinger?: string;
}

/** Waits `ms` unless the user interrupts (Ctrl-C ends the linger, not the run's results). */
export type Pause = (ms: number) => Promise<void>;

export const DEFAULT_PUSH_JOB = 'perfgate';

export interface LoadObservability {
  /** runLoadTest's `onWindow` option: `progress` plus the live exporter (with `--metrics-port`). */
  onWindowOption(progress?: (window: WindowData) => void): { onWindow?: (window: WindowData) => void };
  /**
   * Stops serving and pushes the final results (grouped by script, and by `segment` — "2/4" —
   * for one generator's share); never throws, a failed push is only reported.
   */
  finish(results: LoadResults | undefined, exitCode: number, segment?: string): Promise<void>;
}

/** Starts `/metrics` when asked; the windows of every worker reach it through `onWindow`. */
export async function startObservability(
  options: ObservabilityOptions,
  script: LoadScript,
  output: Output,
  pause: Pause,
): Promise<LoadObservability> {
  const labels = metricLabels(script);
  const lingerMs = parseLinger(options.metricsLinger);
  let server: MetricsServer | undefined;
  let live: LoadTestMetrics | undefined;
  if (options.metricsPort !== undefined) {
    const { LoadTestMetrics } = await loadExporter();
    live = new LoadTestMetrics(labels);
    const host = options.metricsHost ?? DEFAULT_METRICS_HOST;
    server = await startMetricsServer(live, { host, port: parsePort(options.metricsPort) });
    // Printed even with --quiet: with --metrics-port 0 nobody else can know the port.
    output.notice(`metrics: serving ${server.url}`);
  }
  return {
    onWindowOption(progress) {
      if (live === undefined) return progress ? { onWindow: progress } : {};
      const exporter = live;
      return {
        onWindow: (window) => {
          exporter.applyWindow(window);
          progress?.(window);
        },
      };
    },
    async finish(results, exitCode, segment) {
      if (server && lingerMs > 0) {
        // Prometheus scrapes on its own schedule: without this its last scrape may precede the last window.
        output.info(`metrics: serving the final values for ${options.metricsLinger} more (Ctrl-C stops)`);
        await pause(lingerMs);
      }
      await server?.close();
      if (results !== undefined)
        await pushLoadResults(results, labels, options, output, exitCode === EXIT.ok, segment);
    },
  };
}

/** The `test` label (the script's file name, or `test` when given) and the script's scenario names. */
export function metricLabels(script: LoadScript, test?: string): LoadTestMetricsOptions {
  return {
    test: test ?? basename(script.file, extname(script.file)),
    scenarios: script.scenarios.map((scenario) => scenario.name),
  };
}

/** Pushes the final results when `--pushgateway` is set; a failure is reported, never thrown. */
export async function pushLoadResults(
  results: LoadResults,
  labels: LoadTestMetricsOptions,
  options: PushOptions,
  output: Output,
  passed: boolean,
  segment?: string,
): Promise<void> {
  if (options.pushgateway === undefined) return;
  const [{ finalMetrics }, { pushToGateway }] = await Promise.all([
    loadExporter(),
    import('./pushgateway.js'),
  ]);
  const registry = finalMetrics(results, labels, { passed, endedAt: results.perfgate.endedAt });
  const outcome = await pushToGateway(registry, {
    url: options.pushgateway,
    job: options.pushJob ?? DEFAULT_PUSH_JOB,
    instance: options.pushInstance ?? hostname(),
    grouping: [['test', labels.test], ...(segment === undefined ? [] : [['segment', segment] as const])],
  });
  if (outcome.state === 'pushed')
    output.info(`pushgateway: pushed the results of ${labels.test} to ${outcome.url}`);
  else
    output.warn(`pushgateway: push to ${outcome.url} failed (${outcome.message}); the run's verdict stands`);
}

function parseLinger(text: string | undefined): number {
  if (text === undefined) return 0;
  const ms = parseDuration(text, 's');
  if (ms === undefined || ms < 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `--metrics-linger ${text}: expected a duration such as 15s`);
  }
  return ms;
}

/** 0 picks a free port (printed); anything else must be a TCP port. */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new PerfgateError('INVALID_ARGUMENT', `--metrics-port ${text}: expected a TCP port (0-65535)`);
  }
  return port;
}
