/**
 * What the spec's performance test files share: the demo config (its services and SLOs), the
 * demo services started on free ports and stopped again, and short load tests of the demo's
 * Artillery scripts aimed at them. `npm run test:performance` runs these files; each keeps its
 * load to a few seconds (PERF_TEST_SECONDS changes it).
 *
 * In a project that installs perfgate, the matchers come from `import 'perfgate/vitest'`; here
 * they are imported from the source tree so the example runs before the package is built.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../../src/cli/clock.js';
import { toServiceSpec } from '../../../src/cli/commands/services.js';
import { loadConfigText, type PerfgateConfig } from '../../../src/config/index.js';
import { type LoadResults, parseScript, runLoadTest } from '../../../src/load/index.js';
import { phasesForProfile } from '../../../src/pipeline/index.js';
import { startServices } from '../../../src/pipeline/services/index.js';

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
  const env: Record<string, string> = { ...process.env } as Record<string, string>;
  for (const variable of Object.values(PORT_VARIABLES)) env[variable] = String(await freePort());
  const file = join(DEMO_DIR, 'perfgate.config.yaml');
  const result = loadConfigText(readFileSync(file, 'utf8'), file, { env, dir: DEMO_DIR, environment: 'ci' });
  if (result.state !== 'ok') throw new Error(`${file} is invalid: ${JSON.stringify(result.issues)}`);
  return result.config;
}

export interface Demo {
  config: PerfgateConfig;
  urls: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts the named demo services; call `stop()` in afterAll. */
export async function startDemo(names: readonly string[]): Promise<Demo> {
  const config = await demoConfig();
  const wanted = config.services.filter((service) => names.includes(service.name));
  const running = await startServices(wanted.map(toServiceSpec), {
    logger: silent,
    env: process.env,
    clock: systemClock,
  });
  const urls = Object.fromEntries(running.services.map((service) => [service.name, service.url]));
  return { config, urls, stop: () => running.stop() };
}

const silent = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silent;
  },
};

/** Runs `load/<script>.yml` against `service` for a few seconds at the ci profile's rate. */
export async function loadTest(demo: Demo, script: string, service: string): Promise<LoadResults> {
  const file = join(DEMO_DIR, 'load', `${script}.yml`);
  const parsed = parseScript(readFileSync(file, 'utf8'), file, {
    env: process.env,
    targetOverride: demo.urls[service],
  });
  if (parsed.state !== 'ok') throw new Error(`${file}: ${JSON.stringify(parsed.issues)}`);
  const seconds = Number(process.env.PERF_TEST_SECONDS ?? 3);
  const profile = { ...demo.config.environment.loadProfile, duration: seconds * 1000 };
  const services = Object.fromEntries(Object.entries(demo.urls).map(([name, url]) => [name, { url }]));
  const loadScript = {
    ...parsed.script,
    phases: phasesForProfile(profile),
    variables: { ...parsed.script.variables, services },
  };
  return runLoadTest(loadScript, { clock: systemClock, env: process.env });
}
