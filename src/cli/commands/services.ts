import type { ResolvedService } from '../../config/index.js';
import { PerfgateError } from '../../core/errors.js';
import {
  type HealthReport,
  type RunningServices,
  type ServiceSpec,
  startServices,
} from '../../pipeline/services/index.js';
import { systemClock } from '../clock.js';
import { loadValidConfig } from '../config-file.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';

/** `perfgate services [--hold]`: start the services under test, show their health, stop them. */
export async function servicesCommand(context: CommandContext<{ hold?: boolean }>): Promise<number> {
  const { io, options, output } = context;
  const config = loadValidConfig(io, output, { config: options.config, env: options.env });
  if (config.services.length === 0) {
    output.info('no services configured (add them under `services:`)');
    return EXIT.ok;
  }
  const controller = new AbortController();
  const removeSignalHandler = io.onSignal((signal) => {
    output.info(`\n${signal}: stopping services…`);
    controller.abort(new PerfgateError('ABORTED', `interrupted by ${signal}`));
  });
  let running: RunningServices | undefined;
  try {
    output.info(`starting ${config.services.length} services (environment ${config.environment.name})…`);
    running = await startServices(config.services.map(toServiceSpec), {
      logger: output.logger.child('services'),
      env: io.env,
      signal: controller.signal,
      clock: systemClock,
    });
    const health = await running.health();
    printHealth(output, health, running);
    if (options.hold && !controller.signal.aborted) {
      output.info('services are running; press Ctrl-C to stop them');
      await new Promise((resolve) => controller.signal.addEventListener('abort', resolve, { once: true }));
    }
    if (controller.signal.aborted) return EXIT.interrupted;
    return health.every((report) => report.ok) ? EXIT.ok : EXIT.couldNotRun;
  } catch (error) {
    if (controller.signal.aborted && error instanceof PerfgateError && error.code === 'ABORTED')
      return EXIT.interrupted;
    throw error;
  } finally {
    await running?.stop();
    if (running) output.info('services stopped');
    removeSignalHandler();
  }
}

/** The config's view of a service → the pipeline's. */
export function toServiceSpec(service: ResolvedService): ServiceSpec {
  return {
    name: service.name,
    url: service.url,
    start: service.start,
    cwd: service.cwd,
    env: service.env,
    healthcheck: service.healthcheck,
    readyTimeoutMs: service.readyTimeout,
    stopTimeoutMs: service.stopTimeout,
    reuseExisting: service.reuseExisting,
  };
}

function printHealth(output: Output, reports: readonly HealthReport[], running: RunningServices): void {
  const { colors } = output;
  const width = Math.max(...reports.map((report) => report.name.length));
  for (const report of reports) {
    const service = running.services.find((s) => s.name === report.name);
    const state = report.ok ? colors.green('healthy') : colors.red('unhealthy');
    const detail = report.ok
      ? `${report.status} in ${report.latencyMs.toFixed(0)} ms`
      : (report.error ?? `HTTP ${report.status}`);
    const origin = service?.managed ? `pid ${service.pid}` : 'already running';
    output.result(`${report.name.padEnd(width)}  ${state}  ${report.url}  ${detail}  (${origin})`);
  }
}
