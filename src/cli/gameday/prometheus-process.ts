/**
 * The drill's own Prometheus: a fresh TSDB in the drill directory, scraping the load generator's
 * exporters and the services, evaluating the rules every `intervalMs`. Started and stopped like a
 * service under test (src/pipeline/services), ready when `/-/ready` answers.
 */
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { stringify } from 'yaml';
import { PerfgateError } from '../../core/errors.js';
import { type RunningServices, startServices } from '../../pipeline/services/index.js';
import { promDuration } from '../../slo/rules/promql.js';
import { systemClock } from '../clock.js';
import type { CliIo } from '../io.js';
import type { Output } from '../output.js';

export interface ScrapeJob {
  name: string;
  /** `host:port` targets. */
  targets: string[];
  metricsPath?: string;
}

export interface DrillPrometheus {
  url: string;
  stop(): Promise<void>;
}

/** `--prometheus-bin`, else PERFGATE_PROMETHEUS, else `prometheus` on PATH; DEPENDENCY_MISSING if none. */
export function findPrometheus(io: CliIo, given?: string): string {
  const candidates = given
    ? [given]
    : io.env.PERFGATE_PROMETHEUS
      ? [io.env.PERFGATE_PROMETHEUS]
      : (io.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'prometheus'));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  throw new PerfgateError('DEPENDENCY_MISSING', 'perfgate gameday needs a Prometheus binary', {
    hint: 'install it (Debian: apt-get install prometheus), or pass --prometheus-bin PATH',
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function prometheusConfig(jobs: readonly ScrapeJob[], rulesFile: string, intervalMs: number): string {
  const every = promDuration(intervalMs);
  return stringify({
    global: { scrape_interval: every, evaluation_interval: every, scrape_timeout: every },
    rule_files: [rulesFile],
    scrape_configs: jobs.map((job) => ({
      job_name: job.name,
      ...(job.metricsPath ? { metrics_path: job.metricsPath } : {}),
      static_configs: [{ targets: job.targets }],
    })),
  });
}

export async function startDrillPrometheus(
  io: CliIo,
  output: Output,
  setup: { binary: string; dir: string; rulesFile: string; jobs: readonly ScrapeJob[]; intervalMs: number },
): Promise<DrillPrometheus> {
  const port = await freePort();
  const configFile = join(setup.dir, 'prometheus.yml');
  mkdirSync(join(setup.dir, 'tsdb'), { recursive: true });
  writeFileSync(configFile, prometheusConfig(setup.jobs, setup.rulesFile, setup.intervalMs));
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  const command = [
    quote(setup.binary),
    `--config.file=${quote(configFile)}`,
    `--storage.tsdb.path=${quote(join(setup.dir, 'tsdb'))}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ].join(' ');
  const url = `http://127.0.0.1:${port}`;
  const running: RunningServices = await startServices(
    [
      {
        name: 'prometheus',
        url,
        start: command,
        cwd: setup.dir,
        healthcheck: '/-/ready',
        readyTimeoutMs: 30_000,
        stopTimeoutMs: 5_000,
        reuseExisting: false,
      },
    ],
    { logger: output.logger.child('prometheus'), env: io.env, clock: systemClock },
  );
  return { url, stop: () => running.stop() };
}
