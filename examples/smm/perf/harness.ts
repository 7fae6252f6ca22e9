/**
 * What the spec's performance test files share: the demo config (its services and SLOs), the
 * demo services started on free ports and stopped again, and short load tests of the demo's
 * Artillery scripts aimed at them. `npm run test:performance` runs these files; each keeps its
 * load to a few seconds (PERF_TEST_SECONDS changes it).
 *
 * Written as a project that installs perfgate would write it: only `perfgate` (and, in the test
 * files, `perfgate/vitest`) plus Node's own modules.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  type LoadResults,
  loadConfig,
  type PerfgateConfig,
  type ResolvedService,
  runLoadTest,
} from 'perfgate';

export const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT_VARIABLES: Record<string, string> = {
  'model-router': 'SMM_MODEL_ROUTER_PORT',
  toolhub: 'SMM_TOOLHUB_PORT',
  workspace: 'SMM_WORKSPACE_PORT',
  simulation: 'SMM_SIMULATION_PORT',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The demo config with every service on a free port (so tests never collide). */
export async function demoConfig(): Promise<PerfgateConfig> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const variable of Object.values(PORT_VARIABLES)) env[variable] = String(await freePort());
  return loadConfig(join(DEMO_DIR, 'perfgate.config.yaml'), { env, environment: 'ci' });
}

export interface Demo {
  config: PerfgateConfig;
  urls: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts one service as its `start` command says and waits until its health check answers 2xx. */
async function startService(service: ResolvedService): Promise<ChildProcess> {
  if (service.start === undefined) throw new Error(`${service.name} has no start command`);
  const child = spawn(service.start, {
    shell: true,
    cwd: service.cwd,
    env: { ...process.env, ...service.env },
    stdio: 'ignore',
    detached: true, // its own process group: stopping it stops the shell and the service
  });
  const health = new URL(service.healthcheck ?? '', service.url).href;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(100)) {
    if (child.exitCode !== null) throw new Error(`${service.name} exited early (${child.exitCode})`);
    const ok = await fetch(health).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return child;
  }
  await stopService(child);
  throw new Error(`${service.name} did not answer ${health} within 30 s`);
}

async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(-(child.pid ?? 0), 'SIGTERM');
  await exited;
}

/** Starts the named demo services; call `stop()` in afterAll. */
export async function startDemo(names: readonly string[]): Promise<Demo> {
  const config = await demoConfig();
  const wanted = config.services.filter((service) => names.includes(service.name));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopService));
  };
  try {
    for (const service of wanted) children.push(await startService(service));
  } catch (error) {
    await stop();
    throw error;
  }
  const urls = Object.fromEntries(wanted.map((service) => [service.name, service.url]));
  return { config, urls, stop };
}

/** Runs `load/<script>.yml` against `service` for a few seconds at the ci profile's rate. */
export async function loadTest(demo: Demo, script: string, service: string): Promise<LoadResults> {
  const seconds = Number(process.env.PERF_TEST_SECONDS ?? 3);
  const services = Object.fromEntries(Object.entries(demo.urls).map(([name, url]) => [name, { url }]));
  return runLoadTest(join(DEMO_DIR, 'load', `${script}.yml`), {
    target: demo.urls[service],
    profile: { ...demo.config.environment.loadProfile, duration: seconds * 1000 },
    variables: { services },
  });
}
