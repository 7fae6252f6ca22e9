import { createServer, type Server } from 'node:http';
import { parseDuration } from '../../core/duration.js';
import { PerfgateError } from '../../core/errors.js';
import { logNotifier, type SloNotifier } from '../../slo/live/alerts.js';
import { createMonitorMetrics, type MonitorMetrics } from '../../slo/live/metrics.js';
import { createPrometheusClient } from '../../slo/prometheus/client.js';
import { systemClock } from '../clock.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { channelNotifier, MONITORED_ENVIRONMENT } from '../slo/channel-notifier.js';
import { liveSlos } from '../slo/load-slos.js';
import { runMonitor } from '../slo/monitor-loop.js';
import { printStatusTable } from '../slo/print-status.js';
import { webhookNotifier } from '../slo/webhook-notifier.js';

interface MonitorOptions {
  env?: string;
  prometheus?: string;
  interval: string;
  once?: boolean;
  metricsPort?: string;
  webhook?: string[];
  slo?: string[];
}

function serveMetrics(metrics: MonitorMetrics, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.registry
      .metrics()
      .then((text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text))
      .catch(() => response.writeHead(500).end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function intervalOf(text: string): number {
  const ms = parseDuration(text, 's');
  if (ms === undefined || ms < 1_000) {
    throw new PerfgateError('INVALID_ARGUMENT', `--interval ${text}: expected a duration of at least 1s`);
  }
  return ms;
}

/** `perfgate monitor`: live SLO evaluation. Exit (with --once): 0 quiet, 1 an alert fires, 3 no data. */
export async function monitorCommand(context: CommandContext<MonitorOptions>): Promise<number> {
  const { io, options, output } = context;
  const { url, slos, config } = liveSlos(context, options.slo, 'monitor');
  for (const slo of slos) for (const warning of slo.warnings) output.warn(warning);
  const channels = channelNotifier({
    notifications: config.notifications,
    environment: options.env ?? MONITORED_ENVIRONMENT,
    clock: systemClock,
    logger: output.logger.child('notify'),
  });
  for (const problem of channels.problems) output.warn(`notification: ${problem}`);
  const notifiers: SloNotifier[] = [
    logNotifier(output.logger),
    ...(options.webhook ?? []).map((hook) => webhookNotifier(hook)),
    ...(channels.notifier ? [channels.notifier] : []),
  ];
  const metrics = createMonitorMetrics();
  const server =
    options.metricsPort === undefined ? undefined : await serveMetrics(metrics, Number(options.metricsPort));
  const controller = new AbortController();
  const stopSignals = io.onSignal(() => controller.abort());
  try {
    const last = await runMonitor({
      slos,
      querier: createPrometheusClient({ baseUrl: url, clock: systemClock }),
      clock: systemClock,
      intervalMs: intervalOf(options.interval),
      once: options.once === true,
      notifiers,
      metrics,
      onRound: (statuses) => printStatusTable(output, statuses),
      onNotifyError: (name, error) => output.warn(`notifier ${name} failed: ${(error as Error).message}`),
      signal: controller.signal,
    });
    if (last.some((status) => status.alert === 'no-data')) return options.once ? EXIT.couldNotRun : EXIT.ok;
    return options.once && last.some((status) => status.alert !== 'ok') ? EXIT.gateFailed : EXIT.ok;
  } finally {
    stopSignals();
    server?.close();
  }
}
