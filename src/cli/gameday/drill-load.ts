/**
 * The drill's traffic: one fault proxy in front of each service the load aims at, and each load
 * script run in this process at the drill's constant rate through its proxy, its live metrics
 * served for Prometheus (the SLIs as the users see them, faults included).
 */
import { basename, extname } from 'node:path';
import { PerfgateError } from '../../core/errors.js';
import { type Fault, type FaultProxy, startFaultProxy } from '../../load/faults/index.js';
import { runLoadTest } from '../../load/index.js';
import { LoadTestMetrics } from '../../load/metrics/prometheus.js';
import type { LoadResults } from '../../load/metrics/results.js';
import type { DrillPlan } from '../../pipeline/gameday/index.js';
import { phasesForProfile } from '../../pipeline/profile-phases.js';
import { socketAddressOf } from '../../pipeline/services/port.js';
import { systemClock } from '../clock.js';
import type { CliIo } from '../io.js';
import { type MetricsServer, startMetricsServer } from '../load/metrics-server.js';
import { metricLabels } from '../load/observability.js';
import { type LoadedScript, loadScriptFiles } from '../load/script-files.js';
import type { Output } from '../output.js';

export interface DrillLoad {
  /** `host:port` of each script's exporter, for Prometheus. */
  exporterTargets: string[];
  proxies: ReadonlyMap<string, FaultProxy>;
  /** Starts the faults' schedule and the load together; resolves with each script's results. */
  start(
    signal: AbortSignal,
  ): Promise<{ name: string; service: string; results: LoadResults; scenarios: string[] }[]>;
  close(): Promise<void>;
}

export async function prepareDrillLoad(
  io: CliIo,
  output: Output,
  plan: DrillPlan,
  serviceUrls: ReadonlyMap<string, string>,
  faults: readonly Fault[],
): Promise<DrillLoad> {
  const proxies = new Map<string, FaultProxy>();
  const servers: MetricsServer[] = [];
  const close = async () => {
    await Promise.all([...servers.map((s) => s.close()), ...[...proxies.values()].map((p) => p.close())]);
  };
  try {
    for (const [service, url] of serviceUrls) {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:') {
        throw new PerfgateError(
          'INVALID_ARGUMENT',
          `service ${service}: faults need an http:// URL (${url})`,
        );
      }
      const own = faults.filter((fault) => fault.service === undefined || fault.service === service);
      proxies.set(
        service,
        await startFaultProxy({ upstream: socketAddressOf(parsed), faults: own, clock: systemClock }),
      );
    }
    const services = Object.fromEntries([...proxies].map(([name, proxy]) => [name, { url: proxy.url }]));
    const scripts: {
      script: DrillPlan['scripts'][number];
      loaded: Extract<LoadedScript, { state: 'ok' }>;
      name: string;
      metrics: LoadTestMetrics;
    }[] = [];
    for (const script of plan.scripts) {
      const proxy = proxies.get(script.service);
      const loaded = await loadScriptFiles(io, script.path, { target: proxy?.url ?? '' });
      if (loaded.state === 'invalid') {
        throw new PerfgateError('INVALID_ARGUMENT', `${script.path}: invalid load script`, {
          details: loaded.messages,
        });
      }
      const name = basename(script.path, extname(script.path));
      const metrics = new LoadTestMetrics(metricLabels(loaded.script, name));
      const server = await startMetricsServer(metrics, { host: '127.0.0.1', port: 0 });
      servers.push(server);
      scripts.push({ script, loaded, name, metrics });
    }
    const phases = phasesForProfile({ ...plan.load, duration: plan.durationMs });
    return {
      exporterTargets: servers.map((server) => new URL(server.url).host),
      proxies,
      start: (signal) => {
        for (const proxy of proxies.values()) proxy.startSchedule();
        return Promise.all(
          scripts.map(async ({ script, loaded, name, metrics }) => {
            const results = await runLoadTest(
              { ...loaded.script, phases, variables: { ...loaded.script.variables, services } },
              {
                clock: systemClock,
                env: io.env,
                signal,
                assets: loaded.assets,
                ...(loaded.processor ? { processor: loaded.processor } : {}),
                logger: output.logger.child(`load:${name}`),
                cpuUsage: () => process.cpuUsage(),
                intervalMs: plan.intervalMs,
                onWindow: (window) => metrics.applyWindow(window),
              },
            );
            const scenarios = loaded.script.scenarios
              .filter((s) => s.supported && s.weight > 0)
              .map((s) => s.name);
            return { name, service: script.service, results, scenarios };
          }),
        );
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
